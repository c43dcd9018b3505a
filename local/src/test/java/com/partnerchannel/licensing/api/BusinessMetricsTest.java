package com.partnerchannel.licensing.api;

import com.partnerchannel.licensing.testing.CapturedMetrics;
import com.partnerchannel.licensing.testing.InProcessApi;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the API's requests count in CloudWatch (one EMF line per request that counted something, namespace
 * Licensing), over the in-memory adapters: an order requested then assigned, and a customer created with
 * its initial order, which is both, its first manager seated from it and the next added unlicensed. A
 * repeat of a request with its Idempotency-Key counts nothing again.
 */
class BusinessMetricsTest {
    private final Tenants tenants = Tenants.inMemory();

    @Test
    void orderRequestsAssignmentsAndACustomersInitialOrderAndManagersAreCountedOnceEach() {
        Tenants.Tenant msp = tenants.anMspUnder(tenants.aDistributor());
        Tenants.Tenant customer = tenants.aCustomerUnder(msp);
        Map<String, Object> withInitialOrder = Map.of("name", "Initech", "kind", "customer", "parentId", msp.companyId(),
                "managers", List.of(Map.of("email", "bill@initech.test", "name", "Bill Lumbergh"),
                        Map.of("email", "peter@initech.test", "name", "Peter Gibbons")),
                "initialOrder", Map.of("quantity", 1, "purchaseOrderRef", "PO-2211"));

        try (CapturedMetrics metrics = CapturedMetrics.start()) {
            String orderId = tenants.anOrderFor(customer, 5);
            InProcessApi.Response assigned = tenants.api.post(msp.manager(), "/orders/" + orderId + "/assign", Map.of());
            assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
            InProcessApi.Response created = tenants.api.post(msp.manager(), "/companies", withInitialOrder, "initech-1");
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            InProcessApi.Response again = tenants.api.post(msp.manager(), "/companies", withInitialOrder, "initech-1");
            assertThat(again.body()).isEqualTo(created.body());

            assertThat(metrics.lines()).allSatisfy(line -> assertThat(line.namespace()).isEqualTo("Licensing"))
                    .extracting(CapturedMetrics.Line::values).containsExactly(
                            Map.of("OrdersRequested", 1.0),
                            Map.of("OrdersAssigned", 1.0, "SeatsAllocated", 1.0),
                            Map.of("OrdersRequested", 1.0, "OrdersAssigned", 1.0, "SeatsAllocated", 1.0,
                                    "LearnersAddedUnlicensed", 1.0));
        }
    }
}

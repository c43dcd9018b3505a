package com.partnerchannel.licensing.api;

import com.partnerchannel.licensing.config.Renewals;
import com.partnerchannel.licensing.functions.renewal.RenewalImportAnalysisHandler;
import com.partnerchannel.licensing.memory.InMemoryUploads;
import com.partnerchannel.licensing.renewal.model.Upload;
import com.partnerchannel.licensing.testing.CapturedMetrics;
import com.partnerchannel.licensing.testing.InProcessApi;
import com.partnerchannel.licensing.testing.SampleEvents;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the API's requests count in CloudWatch (one EMF line per request that counted something, namespace
 * Licensing), over the in-memory adapters: an order requested then assigned, and a customer created with
 * its initial order, which is both, its first manager seated from it and the next added unlicensed; a
 * renewal file's rows analysed (by the upload's function, and again within a request) and the learners its
 * confirm renewed. A repeat of a request with its Idempotency-Key counts nothing again.
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

    @Test
    void aRenewalFilesRowsAreCountedAsAnalysedEachTimeAndItsLearnersAsRenewedOnce() {
        InMemoryUploads uploads = new InMemoryUploads();
        Renewals[] renewals = new Renewals[1];
        Tenants imports = Tenants.inMemory(licensing -> new Object[]{renewals[0] = new Renewals(licensing, uploads)});
        Tenants.Tenant customer = imports.aCustomerUnder(imports.aDistributor());
        String learners = "/companies/" + customer.companyId() + "/learners";
        String orderId = imports.anOrderFor(customer, 2);
        assertThat(imports.api.post(Tenants.PLATFORM_ADMIN, "/orders/" + orderId + "/assign", Map.of()).status()).isEqualTo(200);
        assertThat(imports.api.post(customer.manager(), learners, Map.of("learners",
                List.of(Map.of("email", "ann@acme.test")))).status()).isEqualTo(201);
        imports.clock.advance(Duration.ofDays(400));
        String renewalOrderId = imports.anOrderFor(customer, 2);
        assertThat(imports.api.post(Tenants.PLATFORM_ADMIN, "/orders/" + renewalOrderId + "/assign", Map.of()).status())
                .isEqualTo(200);
        String renewalImports = "/companies/" + customer.companyId() + "/renewal-imports";

        try (CapturedMetrics metrics = CapturedMetrics.start()) {
            String importId = imports.api.post(customer.manager(), renewalImports, Map.of()).json().path("importId").asText();
            Upload upload = uploads.put("uploads/" + customer.companyId() + "/" + importId + ".csv",
                    "Email,Name\nann@acme.test,Ann\nzed@elsewhere.test,Zed\n");
            assertThat(new RenewalImportAnalysisHandler(renewals[0]).handleRequest(
                    SampleEvents.s3Upload(upload.bucket(), upload.key(), upload.etag(), upload.size()), null))
                    .singleElement().asString().endsWith(": analysed");
            InProcessApi.Response again = imports.api.post(customer.manager(), renewalImports + "/" + importId + "/analyse",
                    Map.of("emailColumn", "Email"));
            assertThat(again.status()).as(again.toString()).isEqualTo(200);
            Map<String, Object> confirm = Map.of("analysisId", again.json().path("analysisId").asText());
            InProcessApi.Response confirmed = imports.api.post(customer.manager(), renewalImports + "/" + importId + "/confirm",
                    confirm, "confirm-1");
            assertThat(confirmed.json().path("result").path("renewed").asInt()).as(confirmed.toString()).isEqualTo(1);
            assertThat(imports.api.post(customer.manager(), renewalImports + "/" + importId + "/confirm", confirm,
                    "confirm-1").body()).isEqualTo(confirmed.body());

            assertThat(metrics.lines()).extracting(CapturedMetrics.Line::values).containsExactly(
                    Map.of("ImportRowsAnalysed", 2.0),
                    Map.of("ImportRowsAnalysed", 2.0),
                    Map.of("ImportRowsRenewed", 1.0));
        }
    }
}

package com.partnerchannel.licensing.api;

import com.partnerchannel.licensing.testing.InProcessApi;
import com.partnerchannel.licensing.testing.LocalDynamoDb;
import com.partnerchannel.licensing.tenancy.model.Actor;
import org.junit.jupiter.api.RepeatedTest;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Partner managers racing on one order, with real concurrent calls against DynamoDB Local. */
class ConcurrentAssignmentIT {
    private static final int CALLERS = 8;
    private final Tenants tenants = new Tenants();

    @RepeatedTest(10)
    void managersAssigningTheSameOrderAtOnceCreateExactlyOnePool() throws Exception {
        Tenants.Tenant distributor = tenants.aDistributor();
        Tenants.Tenant msp = tenants.anMspUnder(distributor);
        Tenants.Tenant customer = tenants.aCustomerUnder(msp);
        String orderId = tenants.anOrderFor(customer, 10);

        List<InProcessApi.Response> responses = Race.of(CALLERS, i -> tenants.api.post(
                (i % 2 == 0 ? msp : distributor).manager(), "/orders/" + orderId + "/assign", null));

        assertThat(responses).filteredOn(r -> r.status() == 200).hasSize(1);
        assertThat(responses).filteredOn(r -> r.status() == 409).hasSize(CALLERS - 1)
                .allSatisfy(r -> assertThat(r.json().path("detail").asText()).contains("is assigned"));
        assertThat(poolItems()).hasSize(1);
        assertThat(eventItems("OrderAssigned")).hasSize(1);
    }

    @RepeatedTest(5)
    void assignAndCancelAtOnceLeaveTheOrderInExactlyOneOfTheTwoStates() throws Exception {
        Tenants.Tenant distributor = tenants.aDistributor();
        Tenants.Tenant customer = tenants.aCustomerUnder(distributor);
        String orderId = tenants.anOrderFor(customer, 4);
        Actor partner = distributor.manager();
        Actor requester = customer.manager();

        List<InProcessApi.Response> responses = Race.of(CALLERS, i -> i % 2 == 0
                ? tenants.api.post(partner, "/orders/" + orderId + "/assign", null)
                : tenants.api.post(requester, "/orders/" + orderId + "/cancel", null));

        assertThat(responses).filteredOn(r -> r.status() == 200).hasSize(1);
        String status = tenants.api.get(requester, "/orders/" + orderId).json().path("status").asText();
        assertThat(poolItems()).hasSize(status.equals("assigned") ? 1 : 0);
    }

    private List<?> poolItems() {
        return LocalDynamoDb.snapshot(tenants.table).stream().filter(i -> i.get("SK").s().startsWith("POOL#")).toList();
    }

    private List<?> eventItems(String type) {
        return LocalDynamoDb.snapshot(tenants.table).stream()
                .filter(i -> i.get("SK").s().startsWith("EVENT#") && type.equals(i.get("eventType").s())).toList();
    }
}

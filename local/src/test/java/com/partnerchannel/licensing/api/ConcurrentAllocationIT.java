package com.partnerchannel.licensing.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerchannel.licensing.testing.InProcessApi;
import org.junit.jupiter.api.RepeatedTest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Real concurrent calls against DynamoDB Local on one pool: the seat ledger never goes wrong. */
class ConcurrentAllocationIT {
    private static final int CALLERS = 64;
    private final Tenants tenants = new Tenants();

    @RepeatedTest(10)
    void sixtyFourConcurrentSingleLearnerRenewalsOnAPoolOfTenGiveExactlyTenSuccesses() throws Exception {
        Tenants.Tenant partner = tenants.aDistributor();
        Tenants.Tenant customer = tenants.aCustomerUnder(partner);
        assign(partner, customer, CALLERS);
        add(customer, CALLERS - 1); // with the manager: 64 learners on the pool
        tenants.clock.advance(Duration.ofDays(366));
        String pool = assign(partner, customer, 10);
        List<String> expired = new ArrayList<>();
        tenants.api.get(customer.manager(), "/companies/" + customer.companyId()
                + "/learners?licenceStatus=expired&limit=200").json().path("items")
                .forEach(l -> expired.add(l.path("learnerId").asText()));
        assertThat(expired).hasSize(CALLERS);

        List<InProcessApi.Response> responses = Race.of(CALLERS, i -> tenants.api.post(customer.manager(),
                "/companies/" + customer.companyId() + "/allocations", Map.of("learnerIds", List.of(expired.get(i)))));

        assertThat(responses).filteredOn(r -> r.status() == 200).hasSize(10)
                .allSatisfy(r -> assertThat(r.json().path("renewed").asInt()).isEqualTo(1));
        assertThat(responses).filteredOn(r -> r.status() == 409).hasSize(CALLERS - 10)
                .allSatisfy(r -> assertThat(r.json().path("free").asInt()).isZero());
        assertThat(Seats.allocated(tenants.table, pool)).isEqualTo(10);
        Seats.assertLedgerBalances(tenants.table);
    }

    @RepeatedTest(5)
    void concurrentDeletesAndAddsOnOnePoolKeepAllocatedEqualToTheLearnersHoldingItsSeats() throws Exception {
        Tenants.Tenant partner = tenants.aDistributor();
        Tenants.Tenant customer = tenants.aCustomerUnder(partner);
        String pool = assign(partner, customer, 10);
        JsonNode holders = add(customer, 9);
        List<String> toDelete = new ArrayList<>();
        holders.path("learners").forEach(l -> toDelete.add(l.path("learnerId").asText()));

        List<InProcessApi.Response> responses = Race.of(CALLERS, i -> i < toDelete.size()
                ? tenants.api.call(customer.manager(), "DELETE", "/companies/" + customer.companyId() + "/learners/"
                + toDelete.get(i), null, Map.of())
                : tenants.api.post(customer.manager(), "/companies/" + customer.companyId() + "/learners",
                Map.of("learners", List.of(Map.of("email", "new" + i + "@acme.test")))));

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isIn(201, 204));
        Seats.assertLedgerBalances(tenants.table);
        assertThat(Seats.allocated(tenants.table, pool)).isEqualTo(10);
        JsonNode counts = tenants.api.get(customer.manager(), "/companies/" + customer.companyId() + "/licences")
                .json().path("counts");
        assertThat(counts.path("active").asInt()).isEqualTo(10);
        assertThat(counts.path("unlicensed").asInt()).isEqualTo(CALLERS - toDelete.size() - 9);
    }

    private String assign(Tenants.Tenant partner, Tenants.Tenant customer, int seats) {
        String orderId = tenants.anOrderFor(customer, seats);
        InProcessApi.Response assigned = tenants.api.post(partner.manager(), "/orders/" + orderId + "/assign", null);
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
        return assigned.json().path("poolId").asText();
    }

    private JsonNode add(Tenants.Tenant customer, int count) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) rows.add(Map.of("email", "learner" + i + "@acme.test"));
        InProcessApi.Response response = tenants.api.post(customer.manager(), "/companies/" + customer.companyId()
                + "/learners", Map.of("learners", rows));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

}

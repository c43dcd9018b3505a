package com.partnerchannel.licensing.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerchannel.licensing.testing.InProcessApi;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OrderingFlowIT {
    private final Tenants tenants = new Tenants();

    @Test
    void aCustomerRequestsAnOrderThePartnerSeesItAndAssignsItCreatingThePool() {
        Tenants.Tenant distributor = tenants.aDistributor();
        Tenants.Tenant msp = tenants.anMspUnder(distributor);
        Tenants.Tenant customer = tenants.aCustomerUnder(msp);

        String orderId = tenants.anOrderFor(customer, 25);

        JsonNode requested = tenants.api.get(msp.manager(), "/orders?status=requested").json();
        assertThat(requested.path("items")).hasSize(1);
        assertThat(requested.path("items").path(0).path("orderId").asText()).isEqualTo(orderId);
        assertThat(tenants.api.get(distributor.manager(), "/orders?status=requested").json().path("items")).hasSize(1);

        InProcessApi.Response assigned = tenants.api.post(msp.manager(), "/orders/" + orderId + "/assign", null);
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
        assertThat(assigned.json().path("status").asText()).isEqualTo("assigned");
        assertThat(assigned.json().path("assignedAt").asText()).isEqualTo("2026-03-01T09:00:00Z");

        JsonNode licences = tenants.api.get(customer.manager(), "/companies/" + customer.companyId() + "/licences").json();
        assertThat(licences.path("pools")).hasSize(1);
        JsonNode pool = licences.path("pools").path(0);
        assertThat(pool.path("seats").asInt()).isEqualTo(25);
        // The customer's manager was unlicensed (a new premium customer has no seats) and took one.
        assertThat(pool.path("allocated").asInt()).isEqualTo(1);
        assertThat(pool.path("available").asInt()).isEqualTo(24);
        assertThat(pool.path("startsAt").asText()).isEqualTo("2026-03-01T09:00:00Z");
        assertThat(pool.path("expiresAt").asText()).isEqualTo("2027-03-01T09:00:00Z");
        assertThat(pool.path("poolId").asText()).isEqualTo(assigned.json().path("poolId").asText());
        assertThat(tenants.api.get(msp.manager(), "/orders?status=requested").json().path("items")).isEmpty();
        assertThat(tenants.api.get(msp.manager(), "/orders?status=assigned").json().path("items")).hasSize(1);
    }

    @Test
    void assigningAnAssignedOrderIsAConflictThatSaysItsState() {
        Tenants.Tenant distributor = tenants.aDistributor();
        Tenants.Tenant customer = tenants.aCustomerUnder(distributor);
        String orderId = tenants.anOrderFor(customer, 3);
        assertThat(tenants.api.post(distributor.manager(), "/orders/" + orderId + "/assign", null).status()).isEqualTo(200);

        InProcessApi.Response again = tenants.api.post(distributor.manager(), "/orders/" + orderId + "/assign", null);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.headers().get("Content-Type")).isEqualTo("application/problem+json");
        assertThat(again.json().path("detail").asText()).contains("is assigned");
    }

    @Test
    void customerManagersCannotAssignTheirOwnOrders() {
        Tenants.Tenant distributor = tenants.aDistributor();
        Tenants.Tenant customer = tenants.aCustomerUnder(distributor);
        String orderId = tenants.anOrderFor(customer, 3);

        InProcessApi.Response response = tenants.api.post(customer.manager(), "/orders/" + orderId + "/assign", null);

        assertThat(response.status()).isEqualTo(403);
        assertThat(tenants.api.get(customer.manager(), "/orders/" + orderId).json().path("status").asText())
                .isEqualTo("requested");
    }

    @Test
    void quantityOutsideOneToOneHundredThousandIsRefusedWithTheField() {
        Tenants.Tenant distributor = tenants.aDistributor();
        Tenants.Tenant customer = tenants.aCustomerUnder(distributor);

        for (int quantity : new int[]{0, -1, 100_001}) {
            InProcessApi.Response response = tenants.api.post(customer.manager(),
                    "/companies/" + customer.companyId() + "/orders", Map.of("quantity", quantity));
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().path("errors").path(0).path("field").asText()).isEqualTo("quantity");
        }
        assertThat(tenants.api.post(customer.manager(), "/companies/" + customer.companyId() + "/orders",
                Map.of("quantity", 100_000)).status()).isEqualTo(201);
    }
}

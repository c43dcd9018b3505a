package com.partnerchannel.licensing.api;

import com.partnerchannel.licensing.testing.InProcessApi;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.partnerchannel.licensing.api.Tenants.PLATFORM_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rule 13: a platform admin acts on any company as a manager of a partner above it would, and a list
 * that spans trees needs a company filter. It could add learners and start imports, but not request,
 * assign or reject orders.
 */
class PlatformAdminIT {
    private final Tenants tenants = new Tenants();
    private final Tenants.Tenant distributor = tenants.aDistributor();
    private final Tenants.Tenant customer = tenants.aCustomerUnder(tenants.anMspUnder(distributor));
    private final String c = "/companies/" + customer.companyId();

    @Test
    void requestsAssignsAndRejectsOrdersAsAPartnerAboveWould() {
        InProcessApi.Response requested = tenants.api.post(PLATFORM_ADMIN, c + "/orders", Map.of("quantity", 5));
        assertThat(requested.status()).as(requested.toString()).isEqualTo(201);
        String orderId = requested.json().path("orderId").asText();

        InProcessApi.Response assigned = tenants.api.post(PLATFORM_ADMIN, "/orders/" + orderId + "/assign", null);
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
        assertThat(tenants.api.get(customer.manager(), c + "/licences").json().path("counts").path("availableSeats")
                .asInt()).isEqualTo(4); // the customer's manager took a seat

        InProcessApi.Response rejected = tenants.api.post(PLATFORM_ADMIN,
                "/orders/" + tenants.anOrderFor(customer, 2) + "/reject", Map.of("reason", "duplicate"));
        assertThat(rejected.status()).as(rejected.toString()).isEqualTo(200);
    }

    @Test
    void cancelsOnlyWhatItRequestedAsAnyPartnerAbove() {
        InProcessApi.Response cancelOthers = tenants.api.post(PLATFORM_ADMIN,
                "/orders/" + tenants.anOrderFor(customer, 2) + "/cancel", null);
        assertThat(cancelOthers.status()).isEqualTo(403);
    }

    @Test
    void addsLearnersAndRenewsForAnyCustomer() {
        InProcessApi.Response added = tenants.api.post(PLATFORM_ADMIN, c + "/learners",
                Map.of("learners", List.of(Map.of("email", "new@acme.test"))));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        InProcessApi.Response renewed = tenants.api.post(PLATFORM_ADMIN, c + "/allocations", Map.of("allExpired", true));
        assertThat(renewed.status()).as(renewed.toString()).isEqualTo(200);
    }

    @Test
    void listsThatSpanTreesNeedACompanyFilter() {
        tenants.anOrderFor(customer, 2);
        InProcessApi.Response everywhere = tenants.api.get(PLATFORM_ADMIN, "/orders");
        assertThat(everywhere.status()).isEqualTo(400);
        assertThat(everywhere.json().path("errors").path(0).path("field").asText()).isEqualTo("companyId");

        assertThat(tenants.api.get(PLATFORM_ADMIN, "/orders?companyId=" + distributor.companyId()).json().path("items"))
                .hasSize(1);
        assertThat(tenants.api.get(PLATFORM_ADMIN, "/companies").json().path("items").findValuesAsText("companyId"))
                .contains(distributor.companyId()).doesNotContain(customer.companyId());
    }
}

package com.partnerchannel.licensing.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerchannel.licensing.testing.InProcessApi;
import com.partnerchannel.licensing.tenancy.model.Actor;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The multi-tenant view and the partner's orders: every filter of the contract, and pagination. */
class ListingIT {
    private final Tenants tenants = new Tenants();

    @Test
    void companiesArePagedWithoutGapsOrRepeats() {
        Tenants.Tenant distributor = tenants.aDistributor();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) created.add(tenants.aCustomerUnder(distributor).companyId());

        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = tenants.api.get(distributor.manager(), "/companies?limit=3"
                    + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.path("items").forEach(c -> seen.add(c.path("companyId").asText()));
            sizes.add(page.path("items").size());
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
        } while (cursor != null);

        assertThat(seen).containsExactlyInAnyOrderElementsOf(created);
        assertThat(sizes.subList(0, 3)).containsExactly(3, 3, 1);
    }

    @Test
    void companiesFilterByParentKindPlanAndName() {
        Tenants.Tenant distributor = tenants.aDistributor();
        Tenants.Tenant msp = tenants.anMspUnder(distributor);
        Tenants.Tenant direct = tenants.aCustomerUnder(distributor);
        Tenants.Tenant trial = tenants.aCustomerUnder(msp, "trial");
        tenants.create(distributor.manager(), Map.of("name", "Zebra Logistics", "kind", "customer",
                "managers", List.of(Map.of("email", "it@zebra.test"))));
        Actor viewer = distributor.manager();

        assertThat(ids(tenants.api.get(viewer, "/companies"))).hasSize(4);
        assertThat(ids(tenants.api.get(viewer, "/companies?kind=partner"))).containsExactly(msp.companyId());
        assertThat(ids(tenants.api.get(viewer, "/companies?plan=trial"))).containsExactly(trial.companyId());
        assertThat(ids(tenants.api.get(viewer, "/companies?parentId=" + msp.companyId()))).containsExactly(trial.companyId());
        assertThat(tenants.api.get(viewer, "/companies?q=zEBRA").json().path("items").path(0).path("name").asText())
                .isEqualTo("Zebra Logistics");
        assertThat(ids(tenants.api.get(msp.manager(), "/companies"))).containsExactly(trial.companyId());
        assertThat(ids(tenants.api.get(direct.manager(), "/companies"))).isEmpty();
        assertThat(tenants.api.get(viewer, "/companies?kind=reseller").status()).isEqualTo(400);
    }

    @Test
    void aPlatformAdminSeesTheTopLevelPartners() {
        Tenants.Tenant first = tenants.aDistributor();
        Tenants.Tenant second = tenants.aDistributor();
        tenants.aCustomerUnder(first);

        assertThat(ids(tenants.api.get(Tenants.PLATFORM_ADMIN, "/companies")))
                .containsExactlyInAnyOrder(first.companyId(), second.companyId());
    }

    @Test
    void aPartnerSeesOrdersAcrossItsSubtreeFilteredByStatusCompanyKindAndDate() {
        Tenants.Tenant distributor = tenants.aDistributor();
        Tenants.Tenant msp = tenants.anMspUnder(distributor);
        Tenants.Tenant alpha = tenants.aCustomerUnder(msp);
        Tenants.Tenant beta = tenants.aCustomerUnder(msp, "trial");
        Tenants.Tenant direct = tenants.aCustomerUnder(distributor);
        String a1 = tenants.anOrderFor(alpha, 1);
        tenants.clock.advance(Duration.ofDays(10));
        String b1 = tenants.anOrderFor(beta, 2);
        tenants.clock.advance(Duration.ofDays(10));
        String a2 = tenants.anOrderFor(alpha, 3);
        String d1 = tenants.anOrderFor(direct, 4);
        tenants.api.post(msp.manager(), "/orders/" + a2 + "/assign", null);
        Actor viewer = distributor.manager();

        assertThat(orderIds(tenants.api.get(viewer, "/orders"))).containsExactlyInAnyOrder(a1, b1, a2, d1);
        assertThat(orderIds(tenants.api.get(msp.manager(), "/orders"))).containsExactlyInAnyOrder(a1, b1, a2);
        assertThat(orderIds(tenants.api.get(viewer, "/orders?status=requested"))).containsExactlyInAnyOrder(a1, b1, d1);
        assertThat(orderIds(tenants.api.get(viewer, "/orders?status=assigned"))).containsExactly(a2);
        assertThat(orderIds(tenants.api.get(viewer, "/orders?kind=upgrade"))).containsExactly(b1);
        assertThat(orderIds(tenants.api.get(viewer, "/orders?companyId=" + alpha.companyId()))).containsExactly(a1, a2);
        assertThat(orderIds(tenants.api.get(viewer, "/orders?from=2026-03-05&to=2026-03-15"))).containsExactly(b1);
        assertThat(orderIds(tenants.api.get(viewer, "/orders?status=requested&from=2026-03-15T00:00:00Z")))
                .containsExactly(d1);
        assertThat(orderIds(tenants.api.get(alpha.manager(), "/companies/" + alpha.companyId() + "/orders?status=assigned")))
                .containsExactly(a2);
        assertThat(tenants.api.get(viewer, "/orders?from=yesterday").json().path("errors").path(0).path("field").asText())
                .isEqualTo("from");
    }

    @Test
    void ordersArePagedAcrossTheSubtreeWithAStatusFilter() {
        Tenants.Tenant distributor = tenants.aDistributor();
        List<String> requested = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            Tenants.Tenant customer = tenants.aCustomerUnder(distributor);
            for (int o = 0; o < 3; o++) {
                String id = tenants.anOrderFor(customer, 1);
                if (o == 1) tenants.api.post(customer.manager(), "/orders/" + id + "/cancel", null);
                else requested.add(id);
            }
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = tenants.api.get(distributor.manager(), "/orders?status=requested&limit=4"
                    + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.path("items").forEach(o -> seen.add(o.path("orderId").asText()));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(requested);
    }

    @Test
    void aCursorFromAnotherListIsRefused() {
        Tenants.Tenant distributor = tenants.aDistributor();
        for (int i = 0; i < 3; i++) tenants.aCustomerUnder(distributor);
        String cursor = tenants.api.get(distributor.manager(), "/companies?limit=1").json().path("nextCursor").asText();
        Tenants.Tenant other = tenants.aDistributor();
        tenants.aCustomerUnder(other);

        InProcessApi.Response response = tenants.api.get(other.manager(), "/companies?limit=1&cursor=" + cursor);

        assertThat(response.status()).isEqualTo(400);
        assertThat(tenants.api.get(other.manager(), "/companies?cursor=garbage").status()).isEqualTo(400);
    }

    @Test
    void oneCompanyShowsItsManagersAndLicenceCounts() {
        Tenants.Tenant distributor = tenants.aDistributor();
        Tenants.Tenant customer = tenants.aCustomerUnder(distributor);
        String orderId = tenants.anOrderFor(customer, 5);
        tenants.api.post(distributor.manager(), "/orders/" + orderId + "/assign", null);

        JsonNode company = tenants.api.get(customer.manager(), "/companies/" + customer.companyId()).json();

        assertThat(company.path("managers").path(0).path("email").asText()).endsWith("@example.com");
        assertThat(company.path("licences").path("availableSeats").asInt()).isEqualTo(4);
        assertThat(company.path("licences").path("active").asInt()).isEqualTo(1);
        assertThat(company.path("licences").path("unlicensed").asInt()).isZero();
        assertThat(company.has("trialEndsAt")).isFalse();
    }

    private static List<String> ids(InProcessApi.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().path("items").forEach(c -> ids.add(c.path("companyId").asText()));
        return ids;
    }

    private static List<String> orderIds(InProcessApi.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().path("items").forEach(o -> ids.add(o.path("orderId").asText()));
        return ids;
    }
}

package com.partnerchannel.licensing.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerchannel.licensing.testing.InProcessApi;
import com.partnerchannel.licensing.tenancy.model.Actor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Rules 2 and 5–10 of product.md through the API. */
class LearnersIT {
    private final Tenants tenants = new Tenants();
    private final Tenants.Tenant partner = tenants.aDistributor();

    @AfterEach
    void theSeatLedgerBalances() {
        Seats.assertLedgerBalances(tenants.table);
    }

    @Test
    void aNewLearnerTakesASeatFromThePoolThatExpiresSoonest() {
        Tenants.Tenant customer = tenants.aCustomerUnder(partner);
        String first = assign(customer, 2);
        tenants.clock.advance(Duration.ofDays(30));
        assign(customer, 5);

        JsonNode added = add(customer, List.of(learner("ann@acme.test"), learner("bob@acme.test")));

        assertThat(added.path("summary").path("licensed").asInt()).isEqualTo(2);
        // The manager took the first pool's first seat on assignment; Ann takes its second; Bob the next pool.
        assertThat(added.path("learners").path(0).path("poolId").asText()).isEqualTo(first);
        assertThat(added.path("learners").path(1).path("poolId").asText()).isNotEqualTo(first);
        assertThat(added.path("learners").path(0).path("licenceStatus").asText()).isEqualTo("active");
        assertThat(added.path("learners").path(0).path("licenceType").asText()).isEqualTo("premium");
    }

    @Test
    void withNoFreeSeatLearnersAreAddedUnlicensedAndTheResponseSaysSo() {
        Tenants.Tenant customer = tenants.aCustomerUnder(partner);
        assign(customer, 2);

        JsonNode added = add(customer, List.of(learner("a@acme.test"), learner("b@acme.test"), learner("c@acme.test")));

        assertThat(added.path("summary").path("licensed").asInt()).isEqualTo(1);
        assertThat(added.path("summary").path("unlicensed").asInt()).isEqualTo(2);
        assertThat(added.path("message").asText()).contains("2 new learners got no seat");
        assertThat(added.path("learners").path(2).path("licenceStatus").asText()).isEqualTo("unlicensed");
    }

    @Test
    void emailsAreUniquePerCompanyTrimmedAndCaseInsensitiveAndBadRowsAreReportedByRow() {
        Tenants.Tenant customer = tenants.aCustomerUnder(partner);
        add(customer, List.of(learner("dana@acme.test")));

        JsonNode added = add(customer, List.of(learner("  DANA@acme.test "), learner("not-an-email"),
                learner("eve@acme.test"), learner("Eve@Acme.test"), Map.of("firstName", "No email")));

        assertThat(added.path("learners").path(0).path("result").asText()).isEqualTo("exists");
        assertThat(added.path("learners").path(1).path("result").asText()).isEqualTo("invalid");
        assertThat(added.path("learners").path(1).path("reason").asText()).isEqualTo("not an email address");
        assertThat(added.path("learners").path(2).path("result").asText()).isEqualTo("created");
        assertThat(added.path("learners").path(3).path("reason").asText()).isEqualTo("duplicate of row 3 in this request");
        assertThat(added.path("learners").path(4).path("row").asInt()).isEqualTo(5);
        assertThat(added.path("summary").path("created").asInt()).isEqualTo(1);
        assertThat(list(customer, "").size()).isEqualTo(3); // the manager, Dana and Eve
    }

    @Test
    void assigningAnOrderSeatsUnlicensedLearnersOldestFirstButNeverExpiredOnes() {
        Tenants.Tenant customer = tenants.aCustomerUnder(partner);
        assign(customer, 2); // the manager and Old take them
        add(customer, List.of(learner("old@acme.test")));
        tenants.clock.advance(Duration.ofDays(366)); // that pool expires: both expired
        add(customer, List.of(learner("first@acme.test")));
        tenants.clock.advance(Duration.ofMinutes(1));
        add(customer, List.of(learner("second@acme.test")));
        tenants.clock.advance(Duration.ofMinutes(1));
        add(customer, List.of(learner("third@acme.test")));

        assign(customer, 2);

        assertThat(emails(list(customer, "?licenceStatus=active"))).containsExactly("first@acme.test", "second@acme.test");
        assertThat(emails(list(customer, "?licenceStatus=unlicensed"))).containsExactly("third@acme.test");
        assertThat(list(customer, "?licenceStatus=expired")).hasSize(2); // the manager and Old
        assertThat(emails(list(customer, "?licenceStatus=expired"))).containsExactly("old@acme.test");
    }

    @Test
    void anExpiredLicenceReadsExpiredEverywhereWithoutAnyNightlyRunAndItsPoolGivesNoSeats() {
        Tenants.Tenant customer = tenants.aCustomerUnder(partner);
        assign(customer, 5);
        add(customer, List.of(learner("x@acme.test")));
        tenants.clock.set(Instant.parse("2027-03-01T09:00:00Z")); // exactly 12 months after assignment

        assertThat(list(customer, "?licenceStatus=expired")).hasSize(2);
        assertThat(list(customer, "?licenceStatus=active")).isEmpty();
        JsonNode licences = tenants.api.get(customer.manager(), "/companies/" + customer.companyId() + "/licences").json();
        assertThat(licences.path("counts").path("expired").asInt()).isEqualTo(2);
        assertThat(licences.path("counts").path("availableSeats").asInt()).isZero();
        assertThat(licences.path("pools").path(0).path("status").asText()).isEqualTo("expired");
        JsonNode late = add(customer, List.of(learner("late@acme.test")));
        assertThat(late.path("learners").path(0).path("licenceStatus").asText()).isEqualTo("unlicensed");
    }

    @Test
    void renewingChosenOrAllExpiredLearnersIsAllOrNothingAgainstTheFreeSeats() {
        Tenants.Tenant customer = tenants.aCustomerUnder(partner);
        assign(customer, 4);
        add(customer, List.of(learner("a@acme.test"), learner("b@acme.test"), learner("c@acme.test")));
        tenants.clock.advance(Duration.ofDays(400));
        assign(customer, 2);
        List<String> expired = ids(list(customer, "?licenceStatus=expired"));
        assertThat(expired).hasSize(4);

        InProcessApi.Response refused = renew(customer, Map.of("allExpired", true));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("needed").asInt()).isEqualTo(4);
        assertThat(refused.json().path("free").asInt()).isEqualTo(2);
        assertThat(refused.json().path("detail").asText()).contains("4 seats are needed and 2 are free");
        assertThat(list(customer, "?licenceStatus=expired")).hasSize(4);

        InProcessApi.Response chosen = renew(customer, Map.of("learnerIds", expired.subList(0, 2)));
        assertThat(chosen.status()).as(chosen.toString()).isEqualTo(200);
        assertThat(chosen.json().path("renewed").asInt()).isEqualTo(2);
        assertThat(ids(list(customer, "?licenceStatus=active"))).containsExactlyInAnyOrderElementsOf(expired.subList(0, 2));

        assign(customer, 2);
        InProcessApi.Response all = renew(customer, Map.of("allExpired", true));
        assertThat(all.json().path("renewed").asInt()).isEqualTo(2);
        assertThat(list(customer, "?licenceStatus=expired")).isEmpty();
    }

    @Test
    void renewingAnActiveLearnerSkipsItAndUnknownIdsAreRefused() {
        Tenants.Tenant customer = tenants.aCustomerUnder(partner);
        assign(customer, 3);
        String active = add(customer, List.of(learner("a@acme.test"))).path("learners").path(0).path("learnerId").asText();

        JsonNode skipped = renew(customer, Map.of("learnerIds", List.of(active))).json();
        assertThat(skipped.path("renewed").asInt()).isZero();
        assertThat(skipped.path("skipped").path(0).path("reason").asText()).isEqualTo("already active");

        InProcessApi.Response unknown = renew(customer, Map.of("learnerIds", List.of("01JNOSUCHLEARNER0000000000")));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("detail").asText()).contains("01JNOSUCHLEARNER0000000000");

        InProcessApi.Response malformed = renew(customer, Map.of("learnerIds", List.of("NOPE")));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("errors").path(0).path("field").asText()).isEqualTo("learnerIds[0]");
    }

    @Test
    void deletingALearnerFreesItsSeatForAnotherLearner() {
        Tenants.Tenant customer = tenants.aCustomerUnder(partner);
        String pool = assign(customer, 2);
        String gone = add(customer, List.of(learner("gone@acme.test"))).path("learners").path(0).path("learnerId").asText();
        assertThat(Seats.allocated(tenants.table, pool)).isEqualTo(2);

        InProcessApi.Response deleted = tenants.api.call(customer.manager(), "DELETE",
                "/companies/" + customer.companyId() + "/learners/" + gone, null, Map.of());
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(Seats.allocated(tenants.table, pool)).isEqualTo(1);
        assertThat(tenants.api.call(customer.manager(), "DELETE",
                "/companies/" + customer.companyId() + "/learners/" + gone, null, Map.of()).status()).isEqualTo(404);

        JsonNode next = add(customer, List.of(learner("next@acme.test")));
        assertThat(next.path("learners").path(0).path("poolId").asText()).isEqualTo(pool);
        JsonNode again = add(customer, List.of(learner("gone@acme.test")));
        assertThat(again.path("learners").path(0).path("result").asText()).isEqualTo("created");
    }

    @Test
    void trialLearnersHoldTrialLicencesEndingThirtyDaysAfterCreationAndAnUpgradeExpiresThem() {
        Tenants.Tenant trial = tenants.aCustomerUnder(partner, "trial");
        assertThat(trial.json().path("trialEndsAt").asText()).isEqualTo("2026-03-31T09:00:00Z");
        JsonNode added = add(trial, List.of(learner("t1@trial.test"), learner("t2@trial.test")));
        assertThat(added.path("learners").path(0).path("licenceType").asText()).isEqualTo("trial");
        assertThat(added.path("learners").path(0).path("expiresAt").asText()).isEqualTo("2026-03-31T09:00:00Z");
        assertThat(list(trial, "?licenceStatus=active")).hasSize(3);

        tenants.clock.advance(Duration.ofDays(10));
        InProcessApi.Response order = tenants.api.post(trial.manager(), "/companies/" + trial.companyId() + "/orders",
                Map.of("quantity", 3, "kind", "upgrade"));
        assertThat(order.status()).as(order.toString()).isEqualTo(201);
        tenants.api.post(partner.manager(), "/orders/" + order.json().path("orderId").asText() + "/assign", null);

        JsonNode company = tenants.api.get(trial.manager(), "/companies/" + trial.companyId()).json();
        assertThat(company.path("plan").asText()).isEqualTo("premium");
        assertThat(list(trial, "?licenceStatus=active")).isEmpty();
        assertThat(list(trial, "?licenceStatus=expired")).hasSize(3)
                .allSatisfy(l -> assertThat(l.path("expiresAt").asText()).isEqualTo("2026-03-11T09:00:00Z"));
        assertThat(company.path("licences").path("availableSeats").asInt()).isEqualTo(3);

        assertThat(renew(trial, Map.of("allExpired", true)).json().path("renewed").asInt()).isEqualTo(3);
        assertThat(list(trial, "?licenceStatus=active")).hasSize(3)
                .allSatisfy(l -> assertThat(l.path("licenceType").asText()).isEqualTo("premium"));
    }

    @Test
    void learnersAreSearchedByEmailOrNameAndPaged() {
        Tenants.Tenant customer = tenants.aCustomerUnder(partner);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 7; i++) rows.add(Map.of("email", "p" + i + "@acme.test", "firstName", "Pat" + i, "lastName", "Smith"));
        add(customer, rows);

        assertThat(list(customer, "?q=pat3")).hasSize(1);
        assertThat(list(customer, "?q=SMITH&licenceStatus=unlicensed")).hasSize(7);
        JsonNode page = tenants.api.get(customer.manager(), "/companies/" + customer.companyId()
                + "/learners?licenceStatus=unlicensed&limit=5").json();
        assertThat(page.path("items")).hasSize(5);
        JsonNode rest = tenants.api.get(customer.manager(), "/companies/" + customer.companyId()
                + "/learners?licenceStatus=unlicensed&limit=5&cursor=" + page.path("nextCursor").asText()).json();
        assertThat(rest.path("items")).hasSize(3); // 7 learners and the manager
    }

    private String assign(Tenants.Tenant customer, int seats) {
        String orderId = tenants.anOrderFor(customer, seats);
        InProcessApi.Response assigned = tenants.api.post(partner.manager(), "/orders/" + orderId + "/assign", null);
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
        return assigned.json().path("poolId").asText();
    }

    private JsonNode add(Tenants.Tenant customer, List<Map<String, Object>> learners) {
        InProcessApi.Response response = tenants.api.post(customer.manager(), "/companies/" + customer.companyId()
                + "/learners", Map.of("learners", learners, "source", "manual"));
        assertThat(response.status()).as(response.toString()).isIn(200, 201);
        return response.json();
    }

    private InProcessApi.Response renew(Tenants.Tenant customer, Map<String, Object> body) {
        return tenants.api.post(customer.manager(), "/companies/" + customer.companyId() + "/allocations", body);
    }

    private List<JsonNode> list(Tenants.Tenant customer, String query) {
        Actor manager = customer.manager();
        InProcessApi.Response response = tenants.api.get(manager, "/companies/" + customer.companyId() + "/learners" + query);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        response.json().path("items").forEach(items::add);
        return items;
    }

    private static Map<String, Object> learner(String email) {
        return Map.of("email", email, "firstName", "First", "lastName", "Last");
    }

    /** The learners' emails, leaving out the customer's manager (it…@example.com). */
    private static List<String> emails(List<JsonNode> learners) {
        return learners.stream().map(l -> l.path("email").asText()).filter(e -> !e.startsWith("it")).toList();
    }

    private static List<String> ids(List<JsonNode> learners) {
        return learners.stream().map(l -> l.path("learnerId").asText()).toList();
    }
}

package com.partnerchannel.licensing.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerchannel.licensing.testing.InProcessApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Archiving and restoring learners (rule 12) through the API: seats go back and come again by rule 6. */
class ArchivingIT {
    private final Tenants tenants = new Tenants();
    private final Tenants.Tenant partner = tenants.aDistributor();
    private final Tenants.Tenant customer = tenants.aCustomerUnder(partner);

    @AfterEach
    void theSeatLedgerBalances() {
        Seats.assertLedgerBalances(tenants.table);
    }

    @Test
    void anArchivedLearnersSeatGoesBackToItsPoolAndANewLearnerTakesIt() {
        String pool = assign(2); // the manager and Ann
        String ann = addOne("ann@acme.test").path("learnerId").asText();
        assertThat(addOne("bob@acme.test").path("licenceStatus").asText()).isEqualTo("unlicensed");

        JsonNode archived = post(ann, "archive");

        assertThat(archived.path("licenceStatus").asText()).isEqualTo("archived");
        assertThat(archived.path("poolId").isNull()).isTrue();
        assertThat(archived.path("licenceType").isNull()).isTrue();
        assertThat(Seats.allocated(tenants.table, pool)).isEqualTo(1);
        JsonNode counts = counts();
        assertThat(counts.path("active").asInt()).isEqualTo(1);
        assertThat(counts.path("unlicensed").asInt()).isEqualTo(1);
        assertThat(counts.path("archived").asInt()).isEqualTo(1);
        assertThat(counts.path("availableSeats").asInt()).isEqualTo(1);
        assertThat(emails(list("?licenceStatus=archived"))).containsExactly("ann@acme.test");
        assertThat(list("")).hasSize(3); // still a learner of the company, records kept

        JsonNode carl = addOne("carl@acme.test");
        assertThat(carl.path("licenceStatus").asText()).isEqualTo("active");
        assertThat(carl.path("poolId").asText()).isEqualTo(pool);
    }

    @Test
    void restoringTakesASeatOfThePoolThatExpiresSoonest() {
        String first = assign(2);
        tenants.clock.advance(Duration.ofDays(30));
        String second = assign(3);
        String ann = addOne("ann@acme.test").path("learnerId").asText(); // first pool's second seat
        post(ann, "archive");

        JsonNode restored = post(ann, "restore");

        assertThat(restored.path("licenceStatus").asText()).isEqualTo("active");
        assertThat(restored.path("licenceType").asText()).isEqualTo("premium");
        assertThat(restored.path("poolId").asText()).isEqualTo(first).isNotEqualTo(second);
        assertThat(counts().path("archived").asInt()).isZero();
        assertThat(counts().path("active").asInt()).isEqualTo(2);
    }

    @Test
    void restoredWithNoFreeSeatALearnerIsUnlicensedAndTakesASeatWhenTheNextOrderIsAssigned() {
        assign(2);
        String ann = addOne("ann@acme.test").path("learnerId").asText();
        post(ann, "archive");
        addOne("bob@acme.test"); // takes the seat Ann gave back

        JsonNode restored = post(ann, "restore");
        assertThat(restored.path("licenceStatus").asText()).isEqualTo("unlicensed");
        assertThat(restored.path("poolId").isNull()).isTrue();

        String next = assign(1);
        JsonNode annNow = list("?licenceStatus=active").stream()
                .filter(l -> l.path("learnerId").asText().equals(ann)).findFirst().orElseThrow();
        assertThat(annNow.path("poolId").asText()).isEqualTo(next);
    }

    @Test
    void archivingOrRestoringTwiceChangesNothingTheSecondTime() {
        String pool = assign(5);
        String ann = addOne("ann@acme.test").path("learnerId").asText();
        post(ann, "archive");
        JsonNode again = post(ann, "archive");
        assertThat(again.path("licenceStatus").asText()).isEqualTo("archived");
        assertThat(Seats.allocated(tenants.table, pool)).isEqualTo(1);

        JsonNode restored = post(ann, "restore");
        JsonNode restoredAgain = post(ann, "restore");
        assertThat(restoredAgain).isEqualTo(restored);
        assertThat(Seats.allocated(tenants.table, pool)).isEqualTo(2);
    }

    @Test
    void anArchivedLearnerIsNeverRenewedButCanBeDeletedForGood() {
        assign(5);
        String ann = addOne("ann@acme.test").path("learnerId").asText();
        post(ann, "archive");

        InProcessApi.Response renewal = tenants.api.post(customer.manager(), "/companies/" + customer.companyId()
                + "/allocations", Map.of("learnerIds", List.of(ann)));
        assertThat(renewal.status()).as(renewal.toString()).isEqualTo(200);
        assertThat(renewal.json().path("renewed").asInt()).isZero();
        assertThat(renewal.json().path("skipped").path(0).path("reason").asText()).isEqualTo("archived");
        assertThat(list("?licenceStatus=archived")).hasSize(1);

        InProcessApi.Response deleted = tenants.api.call(customer.manager(), "DELETE", "/companies/"
                + customer.companyId() + "/learners/" + ann, null, Map.of());
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(list("?licenceStatus=archived")).isEmpty();
        assertThat(counts().path("archived").asInt()).isZero();
    }

    @Test
    void aManagerArchivedFreesItsSeatAndStaysTheCompanysManager() {
        String pool = assign(1);
        String manager = customer.manager().userId().value();

        JsonNode archived = post(manager, "archive");

        assertThat(archived.path("licenceStatus").asText()).isEqualTo("archived");
        assertThat(archived.path("role").asText()).isEqualTo("manager");
        assertThat(Seats.allocated(tenants.table, pool)).isZero();
        JsonNode company = tenants.api.get(customer.manager(), "/companies/" + customer.companyId()).json();
        assertThat(company.path("managers").path(0).path("userId").asText()).isEqualTo(manager);
        assertThat(company.path("licences").path("archived").asInt()).isEqualTo(1);
        // Still acting as the company's manager: nothing about the company is locked.
        assertThat(addOne("ann@acme.test").path("poolId").asText()).isEqualTo(pool);
    }

    @Test
    void aTrialCompanysLearnerRestoredWhileTheTrialRunsHoldsATrialLicence() {
        Tenants.Tenant trial = tenants.aCustomerUnder(partner, "trial");
        String learnerId = tenants.api.post(trial.manager(), "/companies/" + trial.companyId() + "/learners",
                Map.of("learners", List.of(Map.of("email", "tia@trial.test")))).json()
                .path("learners").path(0).path("learnerId").asText();
        String base = "/companies/" + trial.companyId() + "/learners/" + learnerId;
        assertThat(tenants.api.post(trial.manager(), base + "/archive", null).json().path("licenceStatus").asText())
                .isEqualTo("archived");

        JsonNode restored = tenants.api.post(trial.manager(), base + "/restore", null).json();

        assertThat(restored.path("licenceStatus").asText()).isEqualTo("active");
        assertThat(restored.path("licenceType").asText()).isEqualTo("trial");
    }

    @Test
    void whoMayArchiveIsWhoMayManageTheCustomersLearners() {
        assign(2);
        String ann = addOne("ann@acme.test").path("learnerId").asText();
        Tenants.Tenant other = tenants.aCustomerUnder(tenants.aDistributor());
        String path = "/companies/" + customer.companyId() + "/learners/" + ann + "/archive";

        assertThat(tenants.api.post(other.manager(), path, null).status()).isEqualTo(404);
        assertThat(tenants.api.post(customer.learner(), path, null).status()).isEqualTo(403);
        assertThat(tenants.api.post(partner.manager(), path, null).status()).isEqualTo(200);
        assertThat(tenants.api.post(customer.manager(), "/companies/" + customer.companyId()
                + "/learners/01M8T59EDRSV8801ZG4B03BYG2/restore", null).status()).isEqualTo(404);
        assertThat(tenants.api.post(customer.manager(), "/companies/" + customer.companyId()
                + "/learners/not-an-id/restore", null).status()).isEqualTo(400);
    }

    private String assign(int seats) {
        String orderId = tenants.anOrderFor(customer, seats);
        InProcessApi.Response assigned = tenants.api.post(partner.manager(), "/orders/" + orderId + "/assign", null);
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
        return assigned.json().path("poolId").asText();
    }

    private JsonNode addOne(String email) {
        InProcessApi.Response response = tenants.api.post(customer.manager(), "/companies/" + customer.companyId()
                + "/learners", Map.of("learners", List.of(Map.of("email", email, "firstName", "F", "lastName", "L"))));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().path("learners").path(0);
    }

    private JsonNode post(String learnerId, String action) {
        InProcessApi.Response response = tenants.api.post(customer.manager(), "/companies/" + customer.companyId()
                + "/learners/" + learnerId + "/" + action, null);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private JsonNode counts() {
        return tenants.api.get(customer.manager(), "/companies/" + customer.companyId() + "/licences").json().path("counts");
    }

    private List<JsonNode> list(String query) {
        InProcessApi.Response response = tenants.api.get(customer.manager(), "/companies/" + customer.companyId()
                + "/learners" + query);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        response.json().path("items").forEach(items::add);
        return items;
    }

    private static List<String> emails(List<JsonNode> learners) {
        return learners.stream().map(l -> l.path("email").asText()).toList();
    }
}

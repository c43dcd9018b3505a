package com.partnerchannel.licensing.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerchannel.licensing.testing.InProcessApi;
import com.partnerchannel.licensing.testing.LocalDynamoDb;
import com.partnerchannel.licensing.tenancy.model.Actor;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Directory tokens through the portal API: made once, listed without secrets, revoked at once. */
class DirectoryTokensIT {
    private final Tenants tenants = new Tenants();
    private final Tenants.Tenant distributor = tenants.aDistributor();
    private final Tenants.Tenant msp = tenants.anMspUnder(distributor);
    private final Tenants.Tenant customer = tenants.aCustomerUnder(msp);

    @Test
    void aTokenIsShownOnceKeptOnlyAsAHashAndNamesItsCompany() {
        InProcessApi.Response made = issue(customer.manager(), customer);

        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        assertThat(made.headers()).containsEntry("Cache-Control", "no-store");
        String token = made.json().path("token").asText();
        assertThat(token).startsWith("pcldt_" + customer.companyId()).hasSize(110)
                .endsWith(made.json().path("hint").asText());
        assertThat(made.json().path("scimBaseUrl").asText()).isEqualTo("https://localhost/scim/v2");
        assertThat(LocalDynamoDb.snapshot(tenants.table).toString()).doesNotContain(token.substring(58));

        JsonNode listed = list(customer.manager(), customer).json();
        assertThat(listed.path("items")).hasSize(1);
        JsonNode item = listed.path("items").path(0);
        assertThat(item.path("tokenId").asText()).isEqualTo(made.json().path("tokenId").asText());
        assertThat(item.has("token")).isFalse();
        assertThat(item.path("createdBy").asText()).isEqualTo(customer.manager().userId().value());
        assertThat(item.path("lastUsedAt").isNull()).isTrue();

        assertThat(tenants.licensing.authenticatingDirectory.authenticate("Bearer " + token))
                .hasValueSatisfying(found -> assertThat(found.companyId().value()).isEqualTo(customer.companyId()));
        assertThat(list(customer.manager(), customer).json().path("items").path(0).path("lastUsedAt").isNull()).isFalse();
    }

    @Test
    void aRevokedTokenStopsWorkingAtOnceAndATamperedOneNeverWorks() {
        JsonNode made = issue(customer.manager(), customer).json();
        String token = made.path("token").asText();
        String tampered = token.substring(0, token.length() - 1) + (token.endsWith("0") ? "1" : "0");
        assertThat(tenants.licensing.authenticatingDirectory.authenticate("Bearer " + tampered)).isEmpty();
        assertThat(tenants.licensing.authenticatingDirectory.authenticate(token)).as("no Bearer").isEmpty();
        assertThat(tenants.licensing.authenticatingDirectory.authenticate("Bearer pcldt_short")).isEmpty();

        InProcessApi.Response revoked = revoke(customer.manager(), customer, made.path("tokenId").asText());

        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(204);
        assertThat(tenants.licensing.authenticatingDirectory.authenticate("Bearer " + token)).isEmpty();
        assertThat(list(customer.manager(), customer).json().path("items")).isEmpty();
        assertThat(revoke(customer.manager(), customer, made.path("tokenId").asText()).status()).isEqualTo(404);
    }

    @Test
    void theLastUseIsRecordedAtMostOnceAMinute() {
        String token = issue(customer.manager(), customer).json().path("token").asText();
        tenants.licensing.authenticatingDirectory.authenticate("Bearer " + token);
        String first = list(customer.manager(), customer).json().path("items").path(0).path("lastUsedAt").asText();
        tenants.clock.advance(Duration.ofSeconds(30));
        tenants.licensing.authenticatingDirectory.authenticate("Bearer " + token);
        assertThat(list(customer.manager(), customer).json().path("items").path(0).path("lastUsedAt").asText()).isEqualTo(first);
        tenants.clock.advance(Duration.ofSeconds(31));
        tenants.licensing.authenticatingDirectory.authenticate("Bearer " + token);
        assertThat(list(customer.manager(), customer).json().path("items").path(0).path("lastUsedAt").asText()).isNotEqualTo(first);
    }

    @Test
    void theCustomersManagersAndThoseOfPartnersAboveItMayManageItsTokensNobodyElse() {
        Tenants.Tenant otherCustomer = tenants.aCustomerUnder(msp);
        Tenants.Tenant otherTree = tenants.aDistributor();

        assertThat(issue(distributor.manager(), customer).status()).isEqualTo(201);
        assertThat(issue(msp.manager(), customer).status()).isEqualTo(201);
        assertThat(issue(Tenants.PLATFORM_ADMIN, customer).status()).isEqualTo(201);
        assertThat(issue(otherCustomer.manager(), customer).status()).isEqualTo(404);
        assertThat(issue(otherTree.manager(), customer).status()).isEqualTo(404);
        assertThat(issue(customer.learner(), customer).status()).isEqualTo(403);
        assertThat(list(otherCustomer.manager(), customer).status()).isEqualTo(404);
        String tokenId = list(customer.manager(), customer).json().path("items").path(0).path("tokenId").asText();
        assertThat(revoke(otherCustomer.manager(), customer, tokenId).status()).isEqualTo(404);
        assertThat(revoke(customer.manager(), otherCustomer, tokenId).status()).as("another company's token").isEqualTo(404);
        assertThat(list(customer.manager(), customer).json().path("items")).hasSize(3);
        InProcessApi.Response partner = issue(msp.manager(), msp);
        assertThat(partner.status()).as("a partner has no learners to sync").isEqualTo(400);
    }

    @Test
    void aCompanyHoldsAtMostTwentyTokensAndARepeatedKeyNeverMakesASecond() {
        InProcessApi.Response first = tenants.api.post(customer.manager(), path(customer), null, "rotate-1");
        InProcessApi.Response again = tenants.api.post(customer.manager(), path(customer), null, "rotate-1");
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.json().path("detail").asText()).contains(first.json().path("tokenId").asText());

        for (int i = 1; i < 20; i++) assertThat(issue(customer.manager(), customer).status()).isEqualTo(201);
        InProcessApi.Response tooMany = issue(customer.manager(), customer);
        assertThat(tooMany.status()).isEqualTo(409);
        assertThat(list(customer.manager(), customer).json().path("items")).hasSize(20);
    }

    @Test
    void thePostTakesNoFields() {
        InProcessApi.Response refused = tenants.api.post(customer.manager(), path(customer), Map.of("name", "okta"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("errors").path(0).path("field").asText()).isEqualTo("name");
    }

    private InProcessApi.Response issue(Actor actor, Tenants.Tenant company) {
        return tenants.api.post(actor, path(company), null);
    }

    private InProcessApi.Response list(Actor actor, Tenants.Tenant company) {
        return tenants.api.get(actor, path(company));
    }

    private InProcessApi.Response revoke(Actor actor, Tenants.Tenant company, String tokenId) {
        return tenants.api.call(actor, "DELETE", path(company) + "/" + tokenId, null, Map.of());
    }

    private static String path(Tenants.Tenant company) {
        return "/companies/" + company.companyId() + "/directory-tokens";
    }
}

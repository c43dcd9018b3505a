package com.partnerchannel.licensing.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerchannel.licensing.testing.SamTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Directory sync on the runner, over HTTP as an IT admin sets it up: the banner says where the SCIM base is and
 * how to make a token; the token made through the portal API provisions a user through {@code /scim/v2}, who
 * takes a seat, loses it when deactivated, gets it back when reactivated, and is deleted. The gateway keeps the
 * two credentials apart: a directory token opens no portal route, a portal JWT no SCIM route.
 */
class LocalRunnerScimIT {
    static final String SCIM = "application/scim+json";
    static LocalRunner runner;
    static ApiClient api;
    static DemoTree demo;
    static String managerJwt;
    static String mspJwt;
    static String customer;

    @BeforeAll
    static void start() {
        runner = LocalRunner.start(LocalOptions.defaults().withPort(0));
        api = new ApiClient(runner.baseUrl());
        demo = runner.demo().orElseThrow();
        managerJwt = runner.authorizer().mint(demo.premiumCustomer().identity());
        mspJwt = runner.authorizer().mint(demo.msp().identity());
        customer = demo.premiumCustomer().companyId();
    }

    @AfterAll
    static void stop() {
        if (runner != null) runner.close();
    }

    @Test
    void theBannerGivesTheScimBaseUrlAndHowToMakeAToken() {
        String banner = Banner.text(runner, LocalOptions.defaults().withPort(0));

        assertThat(banner).contains("SCIM 2.0:       " + runner.baseUrl() + "/scim/v2 ")
                .contains("POST " + runner.baseUrl() + "/companies/" + customer + "/directory-tokens")
                .contains("curl -s -X POST " + runner.baseUrl() + "/scim/v2/Users -H \"Authorization: Bearer $SCIM_TOKEN\"");
    }

    @Test
    void aUserProvisionedThroughScimTakesASeatLosesItWhenDeactivatedAndGetsItBack() {
        ApiClient.Answer order = api.post("/companies/" + customer + "/orders", managerJwt, "{\"quantity\":3}");
        assertThat(order.status()).as(order.toString()).isEqualTo(201);
        assertThat(api.post("/orders/" + order.json().path("orderId").asText() + "/assign", mspJwt, null).status())
                .isEqualTo(200);
        JsonNode made = madeToken();
        String token = made.path("token").asText();
        assertThat(made.path("scimBaseUrl").asText()).as("the runner's own address").isEqualTo(runner.baseUrl() + "/scim/v2");

        ApiClient.Answer created = api.send("POST", "/scim/v2/Users", token, SCIM, """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"ann.lee@fabrikam.test",
                 "name":{"givenName":"Ann","familyName":"Lee"},"externalId":"e-ann","active":true}""");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Content-Type")).isEqualTo(SCIM);
        String id = created.json().path("id").asText();
        assertThat(created.header("Location")).isEqualTo(runner.baseUrl() + "/scim/v2/Users/" + id);
        assertThat(created.json().path(LICENCE).path("licenceStatus").asText()).isEqualTo("active");
        assertThat(counts()).containsExactly(2, 0, 1, 0); // the manager and Ann hold seats

        ApiClient.Answer deactivated = patchActive(token, id, "False");
        assertThat(deactivated.json().path("active").asBoolean()).as(deactivated.toString()).isFalse();
        assertThat(counts()).containsExactly(1, 1, 2, 0);
        JsonNode archived = api.get("/companies/" + customer + "/learners?licenceStatus=archived", managerJwt).json();
        assertThat(archived.path("items")).extracting(l -> l.path("email").asText()).containsExactly("ann.lee@fabrikam.test");

        ApiClient.Answer reactivated = patchActive(token, id, "True");
        assertThat(reactivated.json().path(LICENCE).path("licenceStatus").asText()).as(reactivated.toString())
                .isEqualTo("active");
        assertThat(counts()).containsExactly(2, 0, 1, 0);

        assertThat(api.send("DELETE", "/scim/v2/Users/" + id, token, null, null).status()).isEqualTo(204);
        assertThat(counts()).containsExactly(1, 0, 2, 0);
        assertThat(api.get("/scim/v2/Users/" + id, token).status()).isEqualTo(404);
    }

    @Test
    void aDirectoryTokenOpensNoPortalRouteAndAPortalJwtNoScimRoute() {
        String token = madeToken().path("token").asText();
        for (SamTemplate.Route route : runner.gateway().routes()) {
            String path = route.path().replaceAll("\\{[^}]+}", "01M8T59EDRSV8801ZG4B03BYG2");
            boolean scim = route.path().startsWith("/scim/v2/");
            ApiClient.Answer answer = api.send(route.method(), path, scim ? managerJwt : token,
                    scim ? SCIM : "application/json", List.of("POST", "PUT", "PATCH").contains(route.method()) ? "{}" : null);
            assertThat(answer.status()).as(route.key() + ": " + answer).isEqualTo(401);
            assertThat(answer.header("Content-Type")).as(route.key()).isEqualTo(scim ? SCIM : "application/problem+json");
        }
    }

    @Test
    void aRevokedTokenIsRefusedOnItsVeryNextRequest() {
        JsonNode made = madeToken();
        String token = made.path("token").asText();
        assertThat(api.get("/scim/v2/Users?count=1", token).status()).isEqualTo(200);

        assertThat(api.send("DELETE", "/companies/" + customer + "/directory-tokens/" + made.path("tokenId").asText(),
                managerJwt).status()).isEqualTo(204);

        ApiClient.Answer refused = api.get("/scim/v2/Users?count=1", token);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().path("schemas").path(0).asText()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
    }

    static final String LICENCE = "urn:partnerchannel:params:scim:schemas:extension:licensing:2.0:User";

    private static JsonNode madeToken() {
        ApiClient.Answer made = api.post("/companies/" + customer + "/directory-tokens", managerJwt, null);
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        return made.json();
    }

    private static ApiClient.Answer patchActive(String token, String id, String active) {
        return api.send("PATCH", "/scim/v2/Users/" + id, token, SCIM, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"" + active + "\"}]}");
    }

    /** The company's counts: active, archived, available seats, unlicensed. */
    private static List<Integer> counts() {
        JsonNode counts = api.get("/companies/" + customer + "/licences", managerJwt).json().path("counts");
        return List.of(counts.path("active").asInt(), counts.path("archived").asInt(),
                counts.path("availableSeats").asInt(), counts.path("unlicensed").asInt());
    }
}

package com.partnerchannel.licensing.local;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The runner as a developer uses it: over HTTP, with tokens from its authorizer, seeded with the demo tree. */
class LocalRunnerIT {
    static final String PROBLEMS = "https://licensing.partnerchannel.com/problems/";
    @TempDir
    static Path dataDir;
    static LocalRunner runner;
    static ApiClient api;
    static DemoTree demo;

    @BeforeAll
    static void start() {
        runner = LocalRunner.start(LocalOptions.defaults().withPort(0).withDataDir(dataDir));
        api = new ApiClient(runner.baseUrl());
        demo = runner.demo().orElseThrow();
    }

    @AfterAll
    static void stop() {
        if (runner != null) runner.close();
    }

    @Test
    void listensOnTheFreePortItWasGivenAndNamesItInTheIssuer() {
        assertThat(runner.port()).isPositive();
        assertThat(runner.baseUrl()).isEqualTo("http://localhost:" + runner.port());
        assertThat(runner.authorizer().issuer()).isEqualTo("http://localhost:" + runner.port() + "/local");
    }

    @Test
    void aRequestWithoutATokenIsUnauthorizedWithAProblem() {
        ApiClient.Answer answer = api.get("/companies", null);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(answer.json().path("status").asInt()).isEqualTo(401);
        assertThat(answer.json().path("detail").asText()).contains("Authorization header is missing");
        assertThat(answer.json().path("type").asText()).isEqualTo(PROBLEMS + "unauthorized");
    }

    @Test
    void anExpiredTokenIsUnauthorized() {
        Instant now = Instant.now();
        String expired = runner.authorizer().sign(runner.authorizer()
                .claims(demo.msp().identity(), now.minus(Duration.ofHours(13)), now.minus(Duration.ofSeconds(5))).build());

        ApiClient.Answer answer = api.get("/companies", expired);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
        assertThat(answer.json().path("detail").asText()).containsIgnoringCase("expired");
    }

    @Test
    void aTokenSignedByAnotherKeyIsUnauthorizedAndSaysHowToGetOneThatWorks() {
        Instant now = Instant.now();
        String forged = LocalAuthorizer.sign(LocalAuthorizer.newKey(), runner.authorizer()
                .claims(DemoSeed.PLATFORM_ADMIN, now, now.plus(Duration.ofHours(1))).build());

        ApiClient.Answer answer = api.get("/companies", forged);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().path("type").asText()).isEqualTo(PROBLEMS + "unauthorized");
        assertThat(answer.json().path("detail").asText()).contains("earlier run").contains("POST /local/token")
                .doesNotContain("Signed JWT rejected");
    }

    @Test
    void aTokenForAnotherAudienceOrFromAnotherIssuerIsUnauthorized() {
        Instant now = Instant.now();
        String otherAudience = runner.authorizer().sign(runner.authorizer()
                .claims(demo.msp().identity(), now, now.plus(Duration.ofHours(1))).audience("another-api").build());
        String otherIssuer = runner.authorizer().sign(runner.authorizer()
                .claims(demo.msp().identity(), now, now.plus(Duration.ofHours(1))).issuer("https://issuer.example.com").build());

        assertThat(api.get("/companies", otherAudience).status()).isEqualTo(401);
        assertThat(api.get("/companies", otherIssuer).status()).isEqualTo(401);
        assertThat(api.get("/companies", "not-a-jwt").status()).isEqualTo(401);
        assertThat(api.get("/companies", runner.authorizer().mint(demo.msp().identity())).status()).isEqualTo(200);
    }

    @Test
    void anUnknownRouteIsNotFoundAndAKnownPathWithAnotherMethodIsNotAllowed() {
        String token = runner.authorizer().mint(demo.msp().identity());

        ApiClient.Answer unknown = api.get("/nothing-here", token);
        ApiClient.Answer wrongMethod = api.send("DELETE", "/companies", token);

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(unknown.json().path("type").asText()).isEqualTo(PROBLEMS + "not-found");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.header("Allow")).isEqualTo("GET, POST");
        assertThat(wrongMethod.json().path("type").asText()).isEqualTo(PROBLEMS + "method-not-allowed");
    }

    @Test
    void aLocalRouteWithAnotherMethodIsNotAllowedAndAnUnknownOneNotFound() {
        ApiClient.Answer sweep = api.get("/local/sweep", null);
        ApiClient.Answer clock = api.send("PUT", "/local/clock", null);
        ApiClient.Answer token = api.get("/local/token", null);
        ApiClient.Answer unknown = api.get("/local/nothing-here", null);

        assertThat(sweep.status()).as(sweep.toString()).isEqualTo(405);
        assertThat(sweep.header("Allow")).isEqualTo("POST");
        assertThat(sweep.json().path("type").asText()).isEqualTo(PROBLEMS + "method-not-allowed");
        assertThat(clock.status()).as(clock.toString()).isEqualTo(405);
        assertThat(clock.header("Allow")).isEqualTo("DELETE, GET, POST");
        assertThat(token.status()).isEqualTo(405);
        assertThat(token.header("Allow")).isEqualTo("POST");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("type").asText()).isEqualTo(PROBLEMS + "not-found");
    }

    @Test
    void theTokenEndpointNeedsSubCompanyAndAKnownRole() {
        ApiClient.Answer unknownRole = api.post("/local/token", null, "{\"sub\":\"u1\",\"company_id\":\"c1\",\"role\":\"owner\"}");
        ApiClient.Answer missing = api.post("/local/token", null, "{\"role\":\"manager\"}");
        ApiClient.Answer notJson = api.post("/local/token", null, "sub=u1");

        assertThat(unknownRole.status()).isEqualTo(400);
        assertThat(unknownRole.json().path("errors").path(0).path("field").asText()).isEqualTo("role");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(fields(missing.json())).containsExactly("sub", "company_id");
        assertThat(notJson.status()).isEqualTo(400);
        ApiClient.Answer minted = api.post("/local/token", null, "{\"sub\":\"u1\",\"company_id\":\"c1\",\"role\":\"learner\"}");
        assertThat(minted.status()).isEqualTo(200);
        assertThat(Instant.parse(minted.json().path("expiresAt").asText()))
                .isBetween(Instant.now().plus(Duration.ofHours(11)), Instant.now().plus(Duration.ofHours(13)));
    }

    @Test
    void theSeedMadeTheDemoTreeThroughTheApi() {
        assertThat(runner.seeded()).isTrue();
        String admin = api.token("platform-admin", "PLATFORM", "platform_admin");
        JsonNode topLevel = api.get("/companies", admin).json().path("items");
        assertThat(topLevel).hasSize(1);
        assertThat(topLevel.path(0).path("companyId").asText()).isEqualTo(demo.distributor().companyId());

        String mspManager = api.token(demo.msp().identity().sub(), demo.msp().companyId(), "manager");
        JsonNode customers = api.get("/companies?parentId=" + demo.msp().companyId(), mspManager).json().path("items");
        Map<String, String> plans = new HashMap<>();
        customers.forEach(company -> plans.put(company.path("companyId").asText(), company.path("plan").asText()));
        assertThat(plans).containsEntry(demo.premiumCustomer().companyId(), "premium")
                .containsEntry(demo.trialCustomer().companyId(), "trial");

        JsonNode premium = api.get("/companies/" + demo.premiumCustomer().companyId(), runner.authorizer()
                .mint(demo.premiumCustomer().identity())).json();
        assertThat(premium.path("parentId").asText()).isEqualTo(demo.msp().companyId());
        assertThat(premium.path("managers").path(0).path("userId").asText()).isEqualTo(demo.premiumCustomer().identity().sub());
        assertThat(DemoTree.load(dataDir)).contains(demo);
    }

    @Test
    void aCustomerManagerOrdersAndThePartnerManagerSeesAndAssignsItCreatingThePool() {
        String mspManager = api.token(demo.msp().identity().sub(), demo.msp().companyId(), "manager");
        ApiClient.Answer created = api.post("/companies", mspManager, """
                {"name":"Woodgrove Clinic","kind":"customer","plan":"premium","parentId":"%s",
                 "managers":[{"email":"wanda@woodgrove.example.com","name":"Wanda Green"}]}"""
                .formatted(demo.msp().companyId()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String customerId = created.json().path("companyId").asText();
        String customerManager = api.token(created.json().path("managers").path(0).path("userId").asText(), customerId,
                "manager");

        ApiClient.Answer ordered = api.post("/companies/" + customerId + "/orders", customerManager, "{\"quantity\":12}");
        assertThat(ordered.status()).as(ordered.toString()).isEqualTo(201);
        String orderId = ordered.json().path("orderId").asText();

        JsonNode requested = api.get("/orders?status=requested", mspManager).json().path("items");
        List<String> requestedIds = new ArrayList<>();
        requested.forEach(order -> requestedIds.add(order.path("orderId").asText()));
        assertThat(requestedIds).contains(orderId);

        ApiClient.Answer assigned = api.post("/orders/" + orderId + "/assign", mspManager, null);
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
        assertThat(assigned.json().path("status").asText()).isEqualTo("assigned");

        JsonNode pools = api.get("/companies/" + customerId + "/licences", customerManager).json().path("pools");
        assertThat(pools).hasSize(1);
        assertThat(pools.path(0).path("seats").asInt()).isEqualTo(12);
        assertThat(pools.path(0).path("poolId").asText()).isEqualTo(assigned.json().path("poolId").asText());
    }

    @Test
    void aRepeatedPostWithTheSameIdempotencyKeyAnswersTheFirstResponse() {
        String customerManager = runner.authorizer().mint(demo.trialCustomer().identity());
        String path = "/companies/" + demo.trialCustomer().companyId() + "/orders";
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(runner.baseUrl() + path))
                .header("Authorization", "Bearer " + customerManager).header("Idempotency-Key", "order-once")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"quantity\":3,\"kind\":\"upgrade\"}"));
        try {
            java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
            var first = client.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            var again = client.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());

            assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
            assertThat(again.statusCode()).isEqualTo(201);
            assertThat(again.body()).isEqualTo(first.body());
            assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(error -> fields.add(error.path("field").asText()));
        return fields;
    }
}

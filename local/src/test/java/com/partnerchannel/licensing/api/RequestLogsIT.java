package com.partnerchannel.licensing.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerchannel.licensing.tenancy.model.Actor;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.Role;
import com.partnerchannel.licensing.tenancy.model.UserId;
import com.partnerchannel.licensing.testing.CapturedLogs;
import com.partnerchannel.licensing.testing.InProcessApi;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the functions log of a request: one JSON line that closes it with the route, the caller's company
 * and {@code sub}, the status, the latency and its DynamoDB cost; and never an email address or a name from its body, on a
 * line of any level, whether the request succeeded or was refused.
 */
class RequestLogsIT {
    private static final String MANAGER_EMAIL = "quintessa.marlowe@partner.example";
    private static final String MANAGER_NAME = "Quintessa Marlowe";
    private static final String CUSTOMER_MANAGER_EMAIL = "bartholomew.ekwueme@customer.example";
    private static final String LEARNER_EMAIL = "ysolde.fairweather@customer.example";
    private static final String LEARNER_FIRST_NAME = "Ysolde";
    private static final String LEARNER_LAST_NAME = "Fairweather";
    private static final String BAD_EMAIL = "ysolde.fairweather@@customer";

    private final Tenants tenants = new Tenants();

    @Test
    void eachRequestIsClosedByOneLineWithItsRouteCompanyActorAndStatusAndNoLineCarriesAnEmailOrNameOfItsBody() {
        try (CapturedLogs logs = CapturedLogs.start()) {
            InProcessApi.Response partner = tenants.api.post(Tenants.PLATFORM_ADMIN, "/companies", Map.of(
                    "name", "Marlowe Partners", "kind", "partner",
                    "managers", List.of(Map.of("email", MANAGER_EMAIL, "name", MANAGER_NAME))));
            assertThat(partner.status()).as(partner.toString()).isEqualTo(201);
            Actor partnerManager = managerOf(partner);
            InProcessApi.Response customer = tenants.api.post(partnerManager, "/companies", Map.of(
                    "name", "Ekwueme Ltd", "kind", "customer", "plan", "premium",
                    "parentId", partnerManager.companyId().value(),
                    "managers", List.of(Map.of("email", CUSTOMER_MANAGER_EMAIL, "name", "Bartholomew Ekwueme"))));
            assertThat(customer.status()).as(customer.toString()).isEqualTo(201);
            Actor customerManager = managerOf(customer);
            String learners = "/companies/" + customerManager.companyId().value() + "/learners";
            InProcessApi.Response added = tenants.api.post(customerManager, learners, Map.of("learners", List.of(
                    Map.of("email", LEARNER_EMAIL, "firstName", LEARNER_FIRST_NAME, "lastName", LEARNER_LAST_NAME))));
            assertThat(added.status()).as(added.toString()).isIn(200, 201);
            InProcessApi.Response refused = tenants.api.post(customerManager, learners, Map.of("learners", List.of(
                    Map.of("email", BAD_EMAIL, "firstName", LEARNER_FIRST_NAME, "lastName", LEARNER_LAST_NAME))));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            InProcessApi.Response again = tenants.api.post(partnerManager, "/companies", Map.of(
                    "name", "Marlowe Partners", "kind", "partner",
                    "managers", List.of(Map.of("email", MANAGER_EMAIL.toUpperCase(Locale.ROOT), "name", MANAGER_NAME))));

            List<JsonNode> lines = logs.lines();
            List<JsonNode> closing = lines.stream().filter(line -> line.path("logger").asText().endsWith("Invocation")).toList();
            assertThat(closing).extracting(line -> line.path("routeKey").asText()).containsExactly(
                    "POST /companies", "POST /companies", "POST /companies/{companyId}/learners",
                    "POST /companies/{companyId}/learners", "POST /companies");
            assertThat(closing).extracting(line -> line.path("status").asInt())
                    .containsExactly(201, 201, added.status(), 400, again.status());
            assertThat(closing).extracting(line -> line.path("companyId").asText()).containsExactly(
                    "PLATFORM", partnerManager.companyId().value(), customerManager.companyId().value(),
                    customerManager.companyId().value(), partnerManager.companyId().value());
            assertThat(closing).extracting(line -> line.path("actor").asText()).containsExactly(
                    "platform-admin", partnerManager.userId().value(), customerManager.userId().value(),
                    customerManager.userId().value(), partnerManager.userId().value());
            assertThat(closing).allSatisfy(line -> assertThat(line.path("latencyMs").isIntegralNumber()).isTrue());
            // The embedded DynamoDB Local of these tests takes no SDK interceptor: the figures are 0 here;
            // LocalRunnerLogsIT and RouteCostIT read them off real calls.
            assertThat(closing).allSatisfy(line -> {
                assertThat(line.path("ddbRequests").isIntegralNumber()).as(line.toString()).isTrue();
                assertThat(line.path("ddbReadUnits").isNumber()).as(line.toString()).isTrue();
                assertThat(line.path("ddbWriteUnits").isNumber()).as(line.toString()).isTrue();
            });

            for (String line : logs.text()) {
                String lower = line.toLowerCase(Locale.ROOT);
                for (String secret : List.of(MANAGER_EMAIL, MANAGER_NAME, CUSTOMER_MANAGER_EMAIL, LEARNER_EMAIL,
                        LEARNER_FIRST_NAME, LEARNER_LAST_NAME, BAD_EMAIL, "Bartholomew")) {
                    assertThat(lower).as("a log line carries " + secret).doesNotContain(secret.toLowerCase(Locale.ROOT));
                }
            }
        }
    }

    @Test
    void aScimRequestIsClosedWithTheCompanyAndTheTokenItsDirectoryTokenNames() {
        Tenants.Tenant customer = tenants.aCustomerUnder(tenants.aDistributor());
        Scim scim = Scim.forCustomer(tenants, customer);
        String tokenId = tenants.api.get(customer.manager(), "/companies/" + customer.companyId() + "/directory-tokens")
                .json().path("items").path(0).path("tokenId").asText();
        try (CapturedLogs logs = CapturedLogs.start()) {
            InProcessApi.Response created = scim.post("/Users", """
                    {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "%s", "active": true,
                     "name": {"givenName": "%s", "familyName": "%s"}}""".formatted(LEARNER_EMAIL, LEARNER_FIRST_NAME,
                    LEARNER_LAST_NAME));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            InProcessApi.Response refused = scim.withToken("pcldt_unknown").get("/Users");
            assertThat(refused.status()).as(refused.toString()).isEqualTo(401);

            List<JsonNode> closing = logs.lines().stream()
                    .filter(line -> line.path("logger").asText().endsWith("Invocation")).toList();
            assertThat(closing).extracting(line -> line.path("routeKey").asText())
                    .containsExactly("POST /scim/v2/Users", "GET /scim/v2/Users");
            assertThat(closing.get(0).path("companyId").asText()).isEqualTo(customer.companyId());
            assertThat(closing.get(0).path("actor").asText()).isEqualTo("directory-token:" + tokenId);
            // An unknown token names no company, and its secret is never logged.
            assertThat(closing.get(1).has("companyId")).as(closing.get(1).toString()).isFalse();
            assertThat(String.join("\n", logs.text())).doesNotContain(scim.token())
                    .doesNotContainIgnoringCase(LEARNER_EMAIL).doesNotContain(LEARNER_LAST_NAME);
        }
    }

    private static Actor managerOf(InProcessApi.Response company) {
        return new Actor(new UserId(company.json().path("managers").path(0).path("userId").asText()),
                new CompanyId(company.json().path("companyId").asText()), Role.manager);
    }
}

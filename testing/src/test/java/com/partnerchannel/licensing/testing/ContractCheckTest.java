package com.partnerchannel.licensing.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The check the InProcessApi runs on every response, on responses made up from the document's own examples. */
class ContractCheckTest {
    private static final JsonNode DOCUMENT = ContractCheck.read(ContractCheck.documentPath());
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");
    private static final Map<String, String> PROBLEM = Map.of("Content-Type", "application/problem+json");

    private final ContractCheck check = new ContractCheck(DOCUMENT);
    private final ObjectNode company = (ObjectNode) DOCUMENT.at("/components/examples/CreatedCustomer/value").deepCopy();

    @Test
    void aDocumentedResponseWithItsExampleBodyPasses() {
        assertThat(check.problems("POST", "/companies", 201, JSON, company.toString())).isEmpty();
        assertThat(check.problems("POST", "/companies", 201, Map.of("content-type", "application/json; charset=utf-8",
                "idempotent-replayed", "true"), company.toString())).isEmpty();
        assertThat(check.problems("DELETE", "/companies/{companyId}/learners/{learnerId}", 204, Map.of(), null)).isEmpty();
    }

    @Test
    void aFieldOfTheWrongTypeFailsNamingRouteStatusAndField() {
        company.put("createdAt", 1_700_000_000);
        assertThatThrownBy(() -> check.check("POST", "/companies", 201, JSON, company.toString()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("POST /companies: 201")
                .hasMessageContaining("createdAt");
    }

    @Test
    void aStatusTheOperationDoesNotListFails() {
        String problem = "{\"type\":\"https://licensing.partnerchannel.com/problems/http-418\",\"title\":\"t\",\"status\":418,\"detail\":\"d\"}";
        assertThat(check.problems("GET", "/orders", 418, PROBLEM, problem)).singleElement().asString()
                .contains("status 418 is not documented");
    }

    @Test
    void anotherContentTypeOrAMissingBodyFails() {
        assertThat(check.problems("POST", "/companies", 201, Map.of("Content-Type", "text/plain"), company.toString()))
                .singleElement().asString().contains("text/plain is not one of [application/json]");
        assertThat(check.problems("POST", "/companies", 201, JSON, null)).singleElement().asString().contains("no body");
        assertThat(check.problems("DELETE", "/companies/{companyId}/learners/{learnerId}", 204, JSON, "{}"))
                .singleElement().asString().contains("no body");
    }

    @Test
    void aDocumentedHeaderWithAValueItsSchemaRefusesFails() {
        assertThat(check.problems("POST", "/companies", 201, Map.of("Content-Type", "application/json",
                "Idempotent-Replayed", "yes"), company.toString())).singleElement().asString()
                .contains("header Idempotent-Replayed: yes");
    }

    @Test
    void aProblemMustBeTheProblemTheDocumentGivesForThatStatus() {
        String notFound = DOCUMENT.at("/components/examples/NotFound/value").toString();
        assertThat(check.problems("GET", "/orders/{orderId}", 404, PROBLEM, notFound)).isEmpty();
        assertThat(check.problems("GET", "/orders/{orderId}", 409, PROBLEM, notFound)).singleElement().asString()
                .contains("status 409 is not documented");
        assertThat(check.problems("GET", "/orders/{orderId}", 400, PROBLEM, notFound)).isNotEmpty();
    }
}

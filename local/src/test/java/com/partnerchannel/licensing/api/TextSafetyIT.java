package com.partnerchannel.licensing.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerchannel.licensing.testing.InProcessApi;
import com.partnerchannel.licensing.testing.LocalDynamoDb;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text that ends up in emails and in other people's screens: a field that must be one line refuses
 * line breaks and invisible characters, an email address refuses them too, and a refused request
 * writes nothing.
 */
class TextSafetyIT {
    /** One manager's email, five times over as it looks, and once more with a line break. */
    private static final List<String> LOOK_ALIKES = List.of("it@acme.test\u200B", "it\u2060@acme.test",
            "\u202Eit@acme.test", "i\u00ADt@acme.test", "it@acme.test\u0000", "it@acme.test\u0085");

    private final Tenants tenants = new Tenants();
    private final Tenants.Tenant msp = tenants.anMspUnder(tenants.aDistributor());

    @Test
    void aCompanyNameThatBreaksALineIsRefusedAndNothingIsWritten() {
        InProcessApi.Response response = refusedWithoutWriting(() -> tenants.api.post(msp.manager(), "/companies",
                customer("Evil\r\nBcc: attacker@evil.test", manager("it@acme.test"))));

        assertThat(fields(response)).containsExactly("name");
        assertThat(response.json().path("errors").path(0).path("message").asText())
                .startsWith("must be one line of visible text");
    }

    @Test
    void invisibleCharactersAreRefusedInEveryOneLineFieldOfANewCompany() {
        Map<String, Object> body = customer("Acme\u202E", Map.of("email", "it@acme.test", "name", "Ada\u200BAdmin"));
        body.put("initialOrder", Map.of("quantity", 5, "purchaseOrderRef", "PO-7\nURGENT: log in at https://evil.example/x"));

        InProcessApi.Response response = refusedWithoutWriting(() -> tenants.api.post(msp.manager(), "/companies", body));

        assertThat(fields(response)).containsExactly("name", "managers[0].name", "initialOrder.purchaseOrderRef");
    }

    @Test
    void aManagersEmailWithAnInvisibleCharacterIsNotAnEmailAddress() {
        for (String lookAlike : LOOK_ALIKES) {
            InProcessApi.Response response = refusedWithoutWriting(() -> tenants.api.post(msp.manager(), "/companies",
                    customer("Acme", manager(lookAlike))));

            assertThat(fields(response)).as(escaped(lookAlike)).containsExactly("managers[0].email");
            assertThat(response.json().path("errors").path(0).path("message").asText()).isEqualTo("is not an email address");
        }
    }

    @Test
    void aCustomerNeedsAtLeastOneManager() {
        Map<String, Object> none = customer("Acme");
        none.put("managers", List.of());
        Map<String, Object> absent = customer("Acme");

        assertThat(fields(refusedWithoutWriting(() -> tenants.api.post(msp.manager(), "/companies", none))))
                .containsExactly("managers");
        assertThat(fields(refusedWithoutWriting(() -> tenants.api.post(msp.manager(), "/companies", absent))))
                .containsExactly("managers");
    }

    @Test
    void learnersWhoseEmailsOnlyLookLikeAManagersAreRefusedAndNothingIsWritten() {
        Tenants.Tenant customer = tenants.aCustomerUnder(msp);
        List<Map<String, String>> rows = LOOK_ALIKES.stream().map(email -> Map.of("email", email)).toList();

        InProcessApi.Response response = refusedWithoutWriting(() -> tenants.api.post(customer.manager(),
                "/companies/" + customer.companyId() + "/learners", Map.of("learners", rows)));

        assertThat(fields(response)).containsExactly("learners[0]", "learners[1]", "learners[2]", "learners[3]",
                "learners[4]", "learners[5]");
        assertThat(response.json().path("errors").path(0).path("message").asText()).isEqualTo("not an email address");
    }

    @Test
    void inARequestWithGoodRowsTheLookAlikesAreReportedByRowAndOnlyTheGoodOnesAdded() {
        Tenants.Tenant customer = tenants.aCustomerUnder(msp);
        List<Map<String, String>> rows = new ArrayList<>();
        rows.add(Map.of("email", "ann@acme.test"));
        LOOK_ALIKES.forEach(email -> rows.add(Map.of("email", email)));
        rows.add(Map.of("email", "bob@acme.test", "firstName", "Bob\r\nURGENT"));

        InProcessApi.Response response = tenants.api.post(customer.manager(),
                "/companies/" + customer.companyId() + "/learners", Map.of("learners", rows));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode learners = response.json().path("learners");
        assertThat(learners.path(0).path("result").asText()).isEqualTo("created");
        for (int row = 1; row <= LOOK_ALIKES.size(); row++) {
            assertThat(learners.path(row).path("result").asText()).isEqualTo("invalid");
            assertThat(learners.path(row).path("reason").asText()).isEqualTo("not an email address");
        }
        assertThat(learners.path(7).path("reason").asText()).startsWith("names must be one line of visible text");
        assertThat(response.json().path("summary").path("created").asInt()).isEqualTo(1);
    }

    @Test
    void anOrdersReferenceIsOneLineAndItsNoteMayHaveLinesButNoInvisibleCharacters() {
        Tenants.Tenant customer = tenants.aCustomerUnder(msp);
        String orders = "/companies/" + customer.companyId() + "/orders";

        InProcessApi.Response reference = refusedWithoutWriting(() -> tenants.api.post(customer.manager(), orders,
                Map.of("quantity", 5, "purchaseOrderRef", "PO-7\nURGENT: log in at https://evil.example/x")));
        InProcessApi.Response hidden = refusedWithoutWriting(() -> tenants.api.post(customer.manager(), orders,
                Map.of("quantity", 5, "note", "Thanks\u202E")));
        InProcessApi.Response lines = tenants.api.post(customer.manager(), orders,
                Map.of("quantity", 5, "note", "Please hurry.\r\nThe PO follows."));

        assertThat(fields(reference)).containsExactly("purchaseOrderRef");
        assertThat(fields(hidden)).containsExactly("note");
        assertThat(hidden.json().path("errors").path(0).path("message").asText()).startsWith("must be visible text");
        assertThat(lines.status()).as(lines.toString()).isEqualTo(201);
        String orderId = lines.json().path("orderId").asText();
        assertThat(tenants.api.get(customer.manager(), "/orders/" + orderId).json().path("note").asText())
                .isEqualTo("Please hurry.\nThe PO follows.");
    }

    @Test
    void aRejectionReasonMayHaveLinesButNoInvisibleCharacters() {
        Tenants.Tenant customer = tenants.aCustomerUnder(msp);
        String orderId = tenants.anOrderFor(customer, 5);

        InProcessApi.Response hidden = refusedWithoutWriting(() -> tenants.api.post(msp.manager(),
                "/orders/" + orderId + "/reject", Map.of("reason", "Budget\u0000")));
        InProcessApi.Response rejected = tenants.api.post(msp.manager(), "/orders/" + orderId + "/reject",
                Map.of("reason", "Budget is spent.\nAsk again in April."));

        assertThat(fields(hidden)).containsExactly("reason");
        assertThat(rejected.status()).as(rejected.toString()).isEqualTo(200);
    }

    private InProcessApi.Response refusedWithoutWriting(Supplier<InProcessApi.Response> call) {
        List<Map<String, AttributeValue>> before = LocalDynamoDb.snapshot(tenants.table);
        InProcessApi.Response response = call.get();
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(LocalDynamoDb.snapshot(tenants.table)).as("items after a refused request").isEqualTo(before);
        return response;
    }

    private static List<String> fields(InProcessApi.Response response) {
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(error -> fields.add(error.path("field").asText()));
        return fields;
    }

    private Map<String, Object> customer(String name, Map<?, ?>... managers) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("kind", "customer");
        body.put("parentId", msp.companyId());
        if (managers.length > 0) body.put("managers", List.of(managers));
        return body;
    }

    private static Map<String, String> manager(String email) {
        return Map.of("email", email, "name", "Ada Admin");
    }

    private static String escaped(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> out.append(c >= 0x20 && c < 0x7F ? Character.toString(c) : String.format("\\u%04X", c)));
        return out.toString();
    }
}

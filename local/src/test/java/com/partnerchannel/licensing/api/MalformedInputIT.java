package com.partnerchannel.licensing.api;

import com.partnerchannel.licensing.config.Renewals;
import com.partnerchannel.licensing.s3.S3Uploads;
import com.partnerchannel.licensing.testing.InProcessApi;
import com.partnerchannel.licensing.testing.LocalDynamoDb;
import com.partnerchannel.licensing.testing.LocalS3;
import com.partnerchannel.licensing.tenancy.model.Actor;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reproductions of the hardening issue: bodies that are not objects, cursors that decode but are
 * not ours, and ids longer than any real id were answered 500. Each is a 400 (or a 404 for a
 * well-formed id that does not exist) with a problem document, and nothing is written.
 */
class MalformedInputIT {
    private static final String BUCKET = "renewal-uploads";
    private static final LocalS3 S3 = LocalS3.start().withBucket(BUCKET);
    private static final String UNKNOWN_ID = "01JZZZZZZZZZZZZZZZZZZZZZZZ";

    private final Tenants tenants = new Tenants(LocalDynamoDb.client(), licensing -> new Object[]{
            new Renewals(licensing, new S3Uploads(S3.client(), S3.presigner(), BUCKET), new Renewals.Limits(2, 100))});
    private final Tenants.Tenant partner = tenants.aDistributor();
    private final Tenants.Tenant customer = tenants.aCustomerUnder(partner);
    private final String orderId = tenants.anOrderFor(customer, 3);
    private final String importId = tenants.api.post(customer.manager(),
            "/companies/" + customer.companyId() + "/renewal-imports", null).json().path("importId").asText();

    @Test
    void aBodyThatIsNotAJsonObjectIsA400OnEveryPostThatTakesABody() {
        String c = "/companies/" + customer.companyId();
        Map<String, Actor> posts = Map.of(
                "/companies", partner.manager(),
                c + "/orders", customer.manager(),
                c + "/learners", customer.manager(),
                c + "/allocations", customer.manager(),
                c + "/renewal-imports/" + importId + "/analyse", customer.manager(),
                c + "/renewal-imports/" + importId + "/confirm", customer.manager(),
                "/orders/" + orderId + "/reject", partner.manager());
        var before = LocalDynamoDb.snapshot(tenants.table);
        for (var post : posts.entrySet()) {
            for (String body : List.of("null", "[]", "\"x\"", "5")) {
                InProcessApi.Response response = tenants.api.post(post.getValue(), post.getKey(), body);
                assertThat(response.status()).as("POST %s with %s: %s", post.getKey(), body, response).isEqualTo(400);
                assertThat(response.headers()).containsEntry("Content-Type", "application/problem+json");
                assertThat(response.json().path("errors").path(0).path("field").asText()).isEqualTo("body");
            }
        }
        assertThat(LocalDynamoDb.snapshot(tenants.table)).isEqualTo(before);
    }

    @Test
    void aCursorThatDecodesButIsNotOursIsA400OnEveryListRoute() {
        String c = "/companies/" + customer.companyId();
        Map<String, Actor> lists = Map.of(
                "/companies", partner.manager(),
                c + "/orders", customer.manager(),
                "/orders", partner.manager(),
                c + "/learners", customer.manager(),
                c + "/learners?licenceStatus=active", customer.manager(),
                c + "/learners?licenceStatus=expired", customer.manager(),
                c + "/learners?licenceStatus=unlicensed", customer.manager());
        List<String> cursors = List.of("e30", "A.e30", "B.e30", cursor("{\"PK\":\"C#" + partner.companyId() + "\"}"),
                cursor("{\"PK\":\"\",\"SK\":\"\"}"), cursor("{\"PK\":\"x\",\"SK\":\"y\",\"extra\":\"z\"}"),
                cursor("{\"PK\":\"" + "x".repeat(3000) + "\",\"SK\":\"y\"}"), cursor("null"), cursor("[]"), "%25%25%25", "not*base64");
        for (var list : lists.entrySet()) {
            for (String cursor : cursors) {
                String path = list.getKey() + (list.getKey().contains("?") ? "&" : "?") + "cursor=" + cursor;
                InProcessApi.Response response = tenants.api.get(list.getValue(), path);
                assertThat(response.status()).as("GET %s: %s", path, response).isEqualTo(400);
                assertThat(response.json().path("errors").path(0).path("field").asText()).isEqualTo("cursor");
            }
        }
    }

    @Test
    void anEditedCursorOfTheSameListIsRefusedNotAnswered() {
        tenants.anOrderFor(customer, 4);
        String path = "/companies/" + customer.companyId() + "/orders";
        String next = tenants.api.get(customer.manager(), path + "?limit=1").json().path("nextCursor").asText();
        String decoded = new String(Base64.getUrlDecoder().decode(next), StandardCharsets.UTF_8);
        String edited = cursor(decoded.replace("\"SK\":\"", "\"SK\":\"zz"));

        InProcessApi.Response response = tenants.api.get(customer.manager(), path + "?limit=1&cursor=" + edited);

        assertThat(response.status()).as(response.toString()).isIn(200, 400);
        assertThat(response.status()).isLessThan(500);
    }

    @Test
    void anIdLongerThanAnyRealIdIsA400AndAWellFormedUnknownIdA404() {
        String c = "/companies/" + customer.companyId();
        assertThat(tenants.api.get(partner.manager(), "/companies/" + "C".repeat(5000)).status()).isEqualTo(400);
        assertThat(tenants.api.get(partner.manager(), "/orders?companyId=" + "C".repeat(10000)).status()).isEqualTo(400);
        assertThat(tenants.api.call(customer.manager(), "DELETE", c + "/learners/" + "L".repeat(1100), null, Map.of())
                .status()).isEqualTo(400);
        InProcessApi.Response renew = tenants.api.post(customer.manager(), c + "/allocations",
                Map.of("learnerIds", List.of("E".repeat(3000))));
        assertThat(renew.status()).isEqualTo(400);
        assertThat(renew.json().path("errors").path(0).path("field").asText()).isEqualTo("learnerIds[0]");
        assertThat(renew.body()).doesNotContain("E".repeat(100));
        assertThat(tenants.api.get(partner.manager(), "/companies?parentId=" + "P".repeat(2000)).status()).isEqualTo(400);
        assertThat(tenants.api.get(partner.manager(), "/companies/" + customer.companyId().toLowerCase()).status())
                .isEqualTo(400);

        assertThat(tenants.api.get(partner.manager(), "/companies/" + UNKNOWN_ID).status()).isEqualTo(404);
        assertThat(tenants.api.get(partner.manager(), "/orders/" + UNKNOWN_ID).status()).isEqualTo(404);
        assertThat(tenants.api.get(customer.manager(), c + "/renewal-imports/" + UNKNOWN_ID).status()).isEqualTo(404);
    }

    private static String cursor(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}

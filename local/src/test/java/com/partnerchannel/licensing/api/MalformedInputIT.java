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
            new Renewals(licensing, S3Uploads.local(S3.endpoint(), S3.credentials(), BUCKET), new Renewals.Limits(2, 100))});
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

    /** Found by HostileInputIT: a body flagged base64 that is not (or is not UTF-8 once decoded) was a 500. */
    @Test
    void aBodyFlaggedBase64ThatIsNotBase64OrNotUtf8IsA400() {
        String c = "/companies/" + customer.companyId();
        var before = LocalDynamoDb.snapshot(tenants.table);
        byte[] notUtf8 = {'{', '"', 'n', 'o', 't', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'};
        for (String body : List.of("{\"quantity\":1}", "[", "x", Base64.getEncoder().encodeToString(notUtf8))) {
            InProcessApi.Response response = tenants.api.send(new InProcessApi.RawRequest(claims(customer.manager()),
                    "POST", c + "/orders", null, Map.of("content-type", "application/json"), body, true));
            assertThat(response.status()).as("%s: %s", body, response).isEqualTo(400);
            assertThat(response.json().path("errors").path(0).path("field").asText()).isEqualTo("body");
        }
        assertThat(LocalDynamoDb.snapshot(tenants.table)).isEqualTo(before);
    }

    /**
     * Found by HostileInputIT: a blank sub was a 500 (and a company_id with '#' a 400 about a field the
     * caller never sent); a sub or company_id too long for a key was a 500 once a key was looked up. Each
     * is a token this API cannot act for: a 401.
     */
    @Test
    void aTokenWhoseClaimsCannotNameACallerIsA401() {
        String c = "/companies/" + customer.companyId();
        String manager = customer.manager().userId().value();
        List<Map<String, String>> odd = List.of(
                Map.of("sub", "", "company_id", customer.companyId(), "role", "manager"),
                Map.of("sub", " ", "company_id", customer.companyId(), "role", "manager"),
                Map.of("sub", "s".repeat(3000), "company_id", customer.companyId(), "role", "manager"),
                Map.of("sub", "é".repeat(200), "company_id", customer.companyId(), "role", "manager"),
                Map.of("sub", manager, "company_id", "", "role", "manager"),
                Map.of("sub", manager, "company_id", customer.companyId() + "#POOL", "role", "manager"),
                Map.of("sub", "platform-admin", "company_id", "P".repeat(3000), "role", "platform_admin"));
        var before = LocalDynamoDb.snapshot(tenants.table);
        for (Map<String, String> claims : odd) {
            for (String path : List.of(c + "/orders", "/companies/" + UNKNOWN_ID + "/orders", "/companies/C%23x/orders")) {
                InProcessApi.Response get = tenants.api.send(new InProcessApi.RawRequest(claims, "GET", path, null,
                        Map.of(), null, false));
                InProcessApi.Response post = tenants.api.send(new InProcessApi.RawRequest(claims, "POST", path, null,
                        Map.of("idempotency-key", "key-1"), "{\"quantity\":1}", false));
                assertThat(get.status()).as("GET %s as %s: %s", path, claims, get).isEqualTo(401);
                assertThat(post.status()).as("POST %s as %s: %s", path, claims, post).isEqualTo(401);
                assertThat(post.json().path("type").asText()).isEqualTo("https://licensing.partnerchannel.com/problems/unauthorized");
            }
        }
        assertThat(LocalDynamoDb.snapshot(tenants.table)).isEqualTo(before);
    }

    /**
     * Found by HostileInputIT: with a sub of 255 characters, a key of 255 '€' made a record key over
     * DynamoDB's 1,024 bytes (a 500). A key is visible ASCII, as the Idempotency-Key draft's sf-string is;
     * anything else is a 400 naming the header.
     */
    @Test
    void anIdempotencyKeyThatIsNotVisibleAsciiIsA400() {
        String c = "/companies/" + customer.companyId();
        Map<String, String> longSub = Map.of("sub", "s".repeat(255), "company_id", customer.companyId(), "role", "manager");
        var before = LocalDynamoDb.snapshot(tenants.table);
        for (String key : List.of("€".repeat(255), "😀", "key\u0000", "caf\u00e9", "a\tb", "k".repeat(256))) {
            InProcessApi.Response response = tenants.api.send(new InProcessApi.RawRequest(longSub, "POST", c + "/orders",
                    null, Map.of("idempotency-key", key), "{\"quantity\":1}", false));
            assertThat(response.status()).as("key %s: %s", key, response).isEqualTo(400);
            assertThat(response.json().path("errors").path(0).path("field").asText()).isEqualTo("Idempotency-Key");
        }
        assertThat(LocalDynamoDb.snapshot(tenants.table)).isEqualTo(before);
        assertThat(tenants.api.send(new InProcessApi.RawRequest(longSub, "POST", c + "/orders", null,
                Map.of("idempotency-key", " k".repeat(127) + "k"), "{\"quantity\":1}", false)).status()).isEqualTo(201);
    }

    private static Map<String, String> claims(Actor actor) {
        return Map.of("sub", actor.userId().value(), "company_id", actor.companyId().value(), "role", actor.role().name());
    }

    private static String cursor(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}

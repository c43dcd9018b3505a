package com.partnerchannel.licensing.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerchannel.licensing.testing.InProcessApi;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An identity provider's side of the SCIM service: requests as Entra ID and Okta send them, past the gateway
 * (no JWT: the function checks the directory token itself), each answer held to docs/openapi.yaml.
 */
final class Scim {
    static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String LICENCE = "urn:partnerchannel:params:scim:schemas:extension:licensing:2.0:User";

    private final Tenants tenants;
    private final String token;

    Scim(Tenants tenants, String token) {
        this.tenants = tenants;
        this.token = token;
    }

    /** A provider for this customer: a token made through the portal API by its manager. */
    static Scim forCustomer(Tenants tenants, Tenants.Tenant customer) {
        InProcessApi.Response made = tenants.api.post(customer.manager(), "/companies/" + customer.companyId()
                + "/directory-tokens", null);
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        return new Scim(tenants, made.json().path("token").asText());
    }

    Scim withToken(String other) {
        return new Scim(tenants, other);
    }

    String token() {
        return token;
    }

    InProcessApi.Response get(String pathAndQuery) {
        return send("GET", pathAndQuery, null);
    }

    InProcessApi.Response post(String path, String body) {
        return send("POST", path, body);
    }

    InProcessApi.Response put(String path, String body) {
        return send("PUT", path, body);
    }

    InProcessApi.Response patch(String path, String body) {
        return send("PATCH", path, body);
    }

    InProcessApi.Response delete(String path) {
        return send("DELETE", path, null);
    }

    InProcessApi.Response send(String method, String pathAndQuery, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", "licensing.example");
        headers.put("accept", "application/scim+json");
        if (body != null) headers.put("content-type", "application/scim+json; charset=utf-8");
        if (token != null) headers.put("authorization", "Bearer " + token);
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? null : pathAndQuery.substring(q + 1);
        return tenants.api.send(new InProcessApi.RawRequest(Map.of(), method, "/scim/v2" + path, query, headers, body, false));
    }

    /** {@code ?filter=…} with the filter URL-encoded, as providers send it. */
    static String filter(String filter) {
        return "?filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Creates a user as Entra ID does, and answers its resource. */
    JsonNode entraCreates(String email, String given, String family, String externalId) {
        InProcessApi.Response created = post("/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                 "externalId":"%s","userName":"%s","active":true,
                 "emails":[{"primary":true,"type":"work","value":"%s"}],
                 "meta":{"resourceType":"User"},
                 "name":{"formatted":"%s %s","familyName":"%s","givenName":"%s"},
                 "roles":[],
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Finance","employeeNumber":"42"}}
                """.formatted(externalId, email, email, given, family, family, given));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    /** Creates a user as Okta does (password, groups, locale and all), and answers its resource. */
    JsonNode oktaCreates(String email, String given, String family) {
        InProcessApi.Response created = post("/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
                 "userName":"%s","name":{"givenName":"%s","familyName":"%s"},
                 "emails":[{"primary":true,"value":"%s","type":"work"}],
                 "displayName":"%s %s","locale":"en-US","externalId":"00u%s","groups":[],
                 "password":"1mz050nq","active":true}
                """.formatted(email, given, family, email, given, family, Integer.toHexString(email.hashCode())));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    static String patchOp(String operations) {
        return "{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":" + operations + "}";
    }

    static List<JsonNode> resources(InProcessApi.Response list) {
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        List<JsonNode> resources = new java.util.ArrayList<>();
        list.json().path("Resources").forEach(resources::add);
        return resources;
    }
}

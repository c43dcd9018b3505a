package com.partnerchannel.licensing.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.http.Json;
import com.partnerchannel.licensing.http.Responses;
import com.partnerchannel.licensing.tenancy.model.Role;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Local mode only, in place of the portal's identity provider: {@code POST /local/token} with
 * {@code {"sub","company_id","role"}} answers {@code {"token"}} signed by the local authorizer's key;
 * {@code GET /local/jwks.json} publishes the public key. Neither needs a token.
 */
final class TokenEndpoint {
    static final String TOKEN = "/local/token";
    static final String JWKS = "/local/jwks.json";

    private final LocalAuthorizer authorizer;

    TokenEndpoint(LocalAuthorizer authorizer) {
        this.authorizer = authorizer;
    }

    void addTo(LocalRoutes routes) {
        routes.add("POST", TOKEN, request -> mint(request.body()));
        routes.add("GET", JWKS, request ->
                new LocalGateway.Response(200, Map.of("Content-Type", "application/json"), authorizer.jwks()));
    }

    private LocalGateway.Response mint(String body) {
        LocalAuthorizer.Identity identity;
        try {
            identity = identity(body);
        } catch (Problem problem) {
            return LocalGateway.of(Responses.problem(problem));
        }
        LocalAuthorizer.Token token = authorizer.issue(identity);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("token", token.value());
        answer.put("expiresAt", token.expiresAt().toString());
        return LocalGateway.of(Responses.json(200, answer));
    }

    static LocalAuthorizer.Identity identity(String body) {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (Exception e) {
            throw Problem.invalid("body", "is not valid JSON");
        }
        if (json == null || !json.isObject()) throw Problem.invalid("body", "must be a JSON object");
        List<Problem.FieldError> errors = new ArrayList<>();
        String sub = text(json, "sub", errors);
        String companyId = text(json, "company_id", errors);
        String role = text(json, "role", errors);
        List<String> roles = Arrays.stream(Role.values()).map(Role::name).toList();
        if (role != null && !roles.contains(role)) {
            errors.add(new Problem.FieldError("role", "must be " + String.join(", ", roles) + " (was '" + role + "')"));
        }
        if (!errors.isEmpty()) throw Problem.invalid(errors);
        return new LocalAuthorizer.Identity(sub, companyId, role);
    }

    private static String text(JsonNode json, String field, List<Problem.FieldError> errors) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            errors.add(new Problem.FieldError(field, "is required"));
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new Problem.FieldError(field, "must be a string"));
            return null;
        }
        return value.asText().trim();
    }
}

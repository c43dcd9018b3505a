package com.partnerchannel.licensing.contractclient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * Tokens from the runner's {@code POST /local/token}, which stands in for the portal's identity provider.
 * It is a route of the local runner, not of the API, so it is not in docs/openapi.yaml and the generated
 * client has no method for it: a portal gets its tokens from its identity provider too.
 */
final class RunnerTokens {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String baseUrl;

    RunnerTokens(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    String manager(String userId, String companyId) {
        return mint(Map.of("sub", userId, "company_id", companyId, "role", "manager"));
    }

    private String mint(Map<String, String> claims) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/local/token"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(claims))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("POST /local/token answered " + response.statusCode() + ": " + response.body());
            }
            JsonNode answer = JSON.readTree(response.body());
            return answer.path("token").asText();
        } catch (IOException e) {
            throw new IllegalStateException("POST /local/token failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

package com.partnerchannel.licensing.testing;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerchannel.licensing.config.Licensing;
import com.partnerchannel.licensing.tenancy.model.Actor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The API as the functions of template.yaml answer it, in this JVM: each request is matched to its
 * route, turned into the payload 2.0 event, and given to the real handler (built around the test's
 * {@link Licensing}, so around DynamoDB Local and the test's clock).
 */
public final class InProcessApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Response(int status, Map<String, String> headers, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body == null || body.isEmpty() ? "null" : body);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private final List<SamTemplate.Route> routes = new ArrayList<>();
    private final Map<String, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> handlers = new HashMap<>();

    @SuppressWarnings("unchecked")
    public InProcessApi(Licensing licensing) {
        for (SamTemplate.Function function : SamTemplate.load().functions()) {
            if (function.routes().isEmpty()) continue;
            RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler;
            try {
                handler = (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) Class
                        .forName(function.handlerClass()).getConstructor(Licensing.class).newInstance(licensing);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot build " + function.handlerClass(), e);
            }
            for (SamTemplate.Route route : function.routes()) {
                routes.add(route);
                handlers.put(route.key(), handler);
            }
        }
    }

    public Response get(Actor actor, String pathAndQuery) {
        return call(actor, "GET", pathAndQuery, null, Map.of());
    }

    public Response post(Actor actor, String path, Object body) {
        return call(actor, "POST", path, body, Map.of());
    }

    public Response post(Actor actor, String path, Object body, String idempotencyKey) {
        return call(actor, "POST", path, body, Map.of("idempotency-key", idempotencyKey));
    }

    public Response call(Actor actor, String method, String pathAndQuery, Object body, Map<String, String> headers) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? null : pathAndQuery.substring(q + 1);
        ApiGatewayEvents.Match match = ApiGatewayEvents.match(routes, method, path)
                .orElseThrow(() -> new AssertionError("template.yaml has no route for " + method + " " + path));
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put("sub", actor.userId().value());
        claims.put("company_id", actor.companyId().value());
        claims.put("role", actor.role().name());
        Map<String, String> allHeaders = new LinkedHashMap<>(headers);
        allHeaders.put("content-type", "application/json");
        String text;
        try {
            text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.event(match, method, path, query, allHeaders, text, claims);
        APIGatewayV2HTTPResponse response = handlers.get(match.route().key()).handleRequest(event, null);
        return new Response(response.getStatusCode(),
                response.getHeaders() == null ? Map.of() : response.getHeaders(), response.getBody());
    }
}

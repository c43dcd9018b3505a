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
 * {@link Licensing}, so around DynamoDB Local and the test's clock). In a test, every response is held to
 * docs/openapi.yaml ({@link ContractCheck}): an undocumented status, Content-Type, body or header fails the
 * call with an AssertionError, so a new test is checked without asking. The benchmarks (benchmarks/) use this
 * class too, outside any test (no JUnit on their class path): they are not checked.
 */
public final class InProcessApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** In a test JVM: JUnit's platform is on the class path (it is not on the benchmarks'). */
    private static final boolean CHECKED = onClassPath("org.junit.platform.commons.annotation.Testable");

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
    private final Map<String, String> handlerOfRoute = new HashMap<>();
    private final Map<String, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> handlers = new HashMap<>();
    private final Map<Class<?>, Object> wiring = new HashMap<>();

    /**
     * @param wiring what handlers are built around: the {@link Licensing}, and any other wiring a handler's
     *               ports constructor takes (e.g. {@code Renewals}); a handler is built on its first call
     */
    public InProcessApi(Licensing licensing, Object... wiring) {
        this.wiring.put(Licensing.class, licensing);
        for (Object more : wiring) this.wiring.put(more.getClass(), more);
        for (SamTemplate.Function function : SamTemplate.load().functions()) {
            for (SamTemplate.Route route : function.routes()) {
                routes.add(route);
                handlerOfRoute.put(route.key(), function.handlerClass());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private synchronized RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler(String routeKey) {
        String type = handlerOfRoute.get(routeKey);
        return handlers.computeIfAbsent(type, name -> {
            try {
                for (java.lang.reflect.Constructor<?> constructor : Class.forName(name).getConstructors()) {
                    if (constructor.getParameterCount() == 1 && wiring.containsKey(constructor.getParameterTypes()[0])) {
                        return (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) constructor
                                .newInstance(wiring.get(constructor.getParameterTypes()[0]));
                    }
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot build " + name, e);
            }
            throw new IllegalStateException(name + " takes wiring this test did not give the InProcessApi");
        });
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
        return answer(match, event);
    }

    /**
     * A request as any client could send it, past the gateway: the authorizer's claims as given (odd, or
     * missing), the headers as given (no content-type added), the body as given, flagged base64 or not.
     * {@code path} has its segments URL-encoded; the handler sees them decoded.
     */
    public record RawRequest(Map<String, String> claims, String method, String path, String rawQuery,
                             Map<String, String> headers, String body, boolean base64) {
    }

    public Response send(RawRequest request) {
        ApiGatewayEvents.Match match = match(request);
        return answer(match, event(match, request));
    }

    /**
     * As {@link #send}, but the response is not held to docs/openapi.yaml: only for a request that leaves the
     * contract at the transport level, whose answer the document cannot describe. Say why; the opt-outs
     * are counted in the tally printed at exit.
     */
    public Response sendOutsideTheContract(RawRequest request, String why) {
        if (why == null || why.isBlank()) throw new IllegalArgumentException("say why this response is not checked");
        ApiGatewayEvents.Match match = match(request);
        if (CHECKED) ContractCheck.ofTheDocument().letThrough();
        return respond(match, event(match, request));
    }

    private ApiGatewayEvents.Match match(RawRequest request) {
        return ApiGatewayEvents.match(routes, request.method(), request.path())
                .orElseThrow(() -> new AssertionError("template.yaml has no route for " + request.method() + " " + request.path()));
    }

    private static APIGatewayV2HTTPEvent event(ApiGatewayEvents.Match match, RawRequest request) {
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.event(match, request.method(), request.path(), request.rawQuery(),
                request.headers(), request.body(), request.claims());
        event.setIsBase64Encoded(request.base64());
        return event;
    }

    private Response answer(ApiGatewayEvents.Match match, APIGatewayV2HTTPEvent event) {
        Response response = respond(match, event);
        if (CHECKED) {
            ContractCheck.ofTheDocument().check(match.route().method(), match.route().path(), response.status(),
                    response.headers(), response.body());
        }
        return response;
    }

    private Response respond(ApiGatewayEvents.Match match, APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = handler(match.route().key()).handleRequest(event, null);
        return new Response(response.getStatusCode(),
                response.getHeaders() == null ? Map.of() : response.getHeaders(), response.getBody());
    }

    private static boolean onClassPath(String className) {
        try {
            Class.forName(className, false, InProcessApi.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}

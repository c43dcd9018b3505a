package com.partnerchannel.licensing.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.partnerchannel.licensing.testing.ApiGatewayEvents;
import com.partnerchannel.licensing.testing.SamTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * What API Gateway does in front of the functions: match the request to a route of template.yaml,
 * run the JWT authorizer, build the payload 2.0 event, invoke the function's real handler and answer
 * with its status, headers and body. Plus the local-only {@code /local/...} routes.
 *
 * <p>Where API Gateway itself answers ({@code {"message":"Unauthorized"}}, {@code {"message":"Not Found"}},
 * {@code {"message":"Internal Server Error"}}), this answers the same status as an RFC 9457 problem
 * ({@link GatewayProblems}), like the functions' own errors, with what the caller can fix in {@code detail}.
 */
public final class LocalGateway {
    private static final Logger LOG = LoggerFactory.getLogger(LocalGateway.class);
    /** One HTTP request; header names in lower case, repeated headers joined with commas. */
    public record Request(String method, String rawPath, String rawQuery, Map<String, String> headers, String body) {
        public Request {
            Map<String, String> lower = new LinkedHashMap<>();
            (headers == null ? Map.<String, String>of() : headers).forEach((name, value) -> lower.merge(
                    name.toLowerCase(java.util.Locale.ROOT), value, (a, b) -> a + "," + b));
            headers = lower;
        }

        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
        }
    }

    public record Response(int status, Map<String, String> headers, String body) {
    }

    private final List<SamTemplate.Route> routes = new ArrayList<>();
    private final Map<String, LocalFunctions.LocalFunction> functionsByRoute = new HashMap<>();
    private final LocalAuthorizer authorizer;
    private final LocalRoutes localRoutes;

    LocalGateway(List<LocalFunctions.LocalFunction> functions, LocalAuthorizer authorizer, LocalRoutes localRoutes) {
        for (LocalFunctions.LocalFunction function : functions) {
            for (SamTemplate.Route route : function.routes()) {
                routes.add(route);
                functionsByRoute.put(route.key(), function);
            }
        }
        this.authorizer = authorizer;
        this.localRoutes = localRoutes;
    }

    public List<SamTemplate.Route> routes() {
        return List.copyOf(routes);
    }

    public Response handle(Request request) {
        String requestId = UUID.randomUUID().toString();
        Response response = route(request, requestId);
        Map<String, String> headers = new LinkedHashMap<>(response.headers());
        headers.put("Apigw-Requestid", requestId);
        return new Response(response.status(), headers, response.body());
    }

    private Response route(Request request, String requestId) {
        String method = request.method().toUpperCase(java.util.Locale.ROOT);
        String path = request.rawPath();
        if (LocalRoutes.isLocal(path)) return localRoutes.handle(method, request);

        Optional<ApiGatewayEvents.Match> match = ApiGatewayEvents.match(routes, method, path);
        if (match.isEmpty()) return noRoute(method, path);

        Map<String, String> claims = Map.of();
        // A route with Authorizer: NONE (the SCIM service) reaches its function as sent: it checks its own token.
        if (match.get().route().authorized()) {
            try {
                claims = authorizer.verify(request.header("authorization").orElse(null));
            } catch (LocalAuthorizer.Rejected rejected) {
                return GatewayProblems.unauthorized(rejected.getMessage());
            }
        }

        LocalFunctions.LocalFunction function = functionsByRoute.get(match.get().route().key());
        // API Gateway tells the function the scheme the client used (always https there); here it is plain HTTP,
        // so that the URLs a function builds from it (a directory token's scimBaseUrl, SCIM's meta.location) work.
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        headers.put("x-forwarded-proto", "http");
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.event(match.get(), method, path, request.rawQuery(),
                headers, request.body(), claims);
        // As API Gateway: the id it answers in Apigw-Requestid is the event's, which the function logs.
        event.getRequestContext().setRequestId(requestId);
        APIGatewayV2HTTPResponse response;
        try {
            response = function.handler().handleRequest(event, LocalContext.of(function, requestId));
        } catch (RuntimeException e) {
            // In AWS the invocation fails and API Gateway answers 500; here the stack trace is at hand.
            LOG.atError().setCause(e).addKeyValue("function", function.logicalId()).addKeyValue("requestId", requestId)
                    .log(function.logicalId() + " failed on " + match.get().route().key());
            // As API Gateway, the caller learns only that it failed: the exception is in the runner's log.
            return GatewayProblems.internalError(function.logicalId() + " failed; the runner's log has the"
                    + " exception (request " + requestId + ")");
        }
        return of(response);
    }

    private Response noRoute(String method, String path) {
        TreeSet<String> allowed = new TreeSet<>();
        for (SamTemplate.Route route : routes) {
            if (ApiGatewayEvents.match(List.of(route), route.method(), path).isPresent()) allowed.add(route.method());
        }
        if (allowed.isEmpty()) return GatewayProblems.notFound("no route " + method + " " + path + " in template.yaml");
        return GatewayProblems.methodNotAllowed(method, path, allowed);
    }

    /** The function's answer as API Gateway sends it on. */
    static Response of(APIGatewayV2HTTPResponse response) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
        }
        if (response.getHeaders() != null) headers.putAll(response.getHeaders());
        String body = response.getBody();
        if (body != null && response.getIsBase64Encoded()) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        return new Response(response.getStatusCode(), headers, body == null ? "" : body);
    }
}

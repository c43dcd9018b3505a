package com.partnerchannel.licensing.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns an HTTP request into the API Gateway HTTP API (payload 2.0) event a function receives, the way
 * API Gateway does: the matched route key, path parameters, query parameters, headers, and the JWT
 * authorizer's claims.
 */
public final class ApiGatewayEvents {
    private ApiGatewayEvents() {
    }

    public record Match(SamTemplate.Route route, Map<String, String> pathParameters) {
    }

    /** The route a request matches; literal segments win over {@code {parameters}}, as in API Gateway. */
    public static Optional<Match> match(List<SamTemplate.Route> routes, String method, String path) {
        String[] segments = trim(path).split("/", -1);
        Match best = null;
        int bestLiterals = -1;
        for (SamTemplate.Route route : routes) {
            if (!route.method().equalsIgnoreCase(method)) continue;
            String[] pattern = trim(route.path()).split("/", -1);
            if (pattern.length != segments.length) continue;
            Map<String, String> params = new LinkedHashMap<>();
            int literals = 0;
            boolean matches = true;
            for (int i = 0; i < pattern.length && matches; i++) {
                if (pattern[i].startsWith("{") && pattern[i].endsWith("}")) {
                    if (segments[i].isEmpty()) matches = false;
                    else params.put(pattern[i].substring(1, pattern[i].length() - 1),
                            URLDecoder.decode(segments[i], StandardCharsets.UTF_8));
                } else if (pattern[i].equals(segments[i])) {
                    literals++;
                } else {
                    matches = false;
                }
            }
            if (matches && literals > bestLiterals) {
                best = new Match(route, params);
                bestLiterals = literals;
            }
        }
        return Optional.ofNullable(best);
    }

    public static APIGatewayV2HTTPEvent event(Match match, String method, String path, String rawQuery,
                                              Map<String, String> headers, String body, Map<String, String> claims) {
        APIGatewayV2HTTPEvent.RequestContext.Http http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(method).withPath(path).withProtocol("HTTP/1.1").withSourceIp("127.0.0.1")
                .withUserAgent(headers.getOrDefault("user-agent", "local")).build();
        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = APIGatewayV2HTTPEvent.RequestContext.Authorizer
                .builder().withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                        .withClaims(claims).withScopes(List.of()).build()).build();
        Instant now = Instant.now();
        APIGatewayV2HTTPEvent.RequestContext context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAccountId("000000000000").withApiId("local").withStage("$default").withDomainName("localhost")
                .withRequestId(UUID.randomUUID().toString()).withRouteKey(match.route().key())
                .withTime(now.toString()).withTimeEpoch(now.toEpochMilli())
                .withHttp(http).withAuthorizer(authorizer).build();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(match.route().key())
                .withRawPath(path)
                .withRawQueryString(rawQuery == null ? "" : rawQuery)
                .withQueryStringParameters(query(rawQuery))
                .withPathParameters(match.pathParameters().isEmpty() ? null : match.pathParameters())
                .withHeaders(headers)
                .withBody(body == null || body.isEmpty() ? null : body)
                .withIsBase64Encoded(false)
                .withRequestContext(context)
                .build();
    }

    /** Query parameters as API Gateway passes them: repeated names joined with commas. */
    public static Map<String, String> query(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) return null;
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.merge(name, value, (a, b) -> a + "," + b);
        }
        return params;
    }

    private static String trim(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}

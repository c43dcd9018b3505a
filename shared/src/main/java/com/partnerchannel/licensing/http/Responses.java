package com.partnerchannel.licensing.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.partnerchannel.licensing.common.Problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** API responses: JSON resources and RFC 9457 problems. */
public final class Responses {
    private Responses() {
    }

    public static APIGatewayV2HTTPResponse json(int status, String body) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody(body).build();
    }

    public static APIGatewayV2HTTPResponse json(int status, Object body) {
        return json(status, Json.write(body));
    }

    public static APIGatewayV2HTTPResponse replay(int status, String body) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
                .withHeaders(Map.of("Content-Type", "application/json", "Idempotent-Replayed", "true"))
                .withBody(body).build();
    }

    public static APIGatewayV2HTTPResponse noContent() {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(204).withHeaders(Map.of()).build();
    }

    public static int status(Problem.Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT, INSUFFICIENT_SEATS -> 409;
            case UNAVAILABLE -> 503;
        };
    }

    /** Every problem's {@code type} is one of ours: this, then the kind ({@code invalid}, {@code not-found}…). */
    public static final String PROBLEM_TYPES = "https://licensing.partnerchannel.com/problems/";

    /** The problem a refusal is answered with; one the caller may send again also says when (Retry-After, in seconds). */
    public static APIGatewayV2HTTPResponse problem(Problem problem) {
        APIGatewayV2HTTPResponse response = problem(status(problem.kind()), problem.title(), problem.detail(), problem.errors(),
                PROBLEM_TYPES + problem.kind().name().toLowerCase().replace('_', '-'), problem.extensions());
        problem.retryAfter().ifPresent(wait -> {
            Map<String, String> headers = new LinkedHashMap<>(response.getHeaders());
            headers.put(RETRY_AFTER, Long.toString(Math.max(1, wait.toSeconds())));
            response.setHeaders(headers);
        });
        return response;
    }

    public static final String RETRY_AFTER = "Retry-After";

    /** A problem the gateway's edge raises itself; its {@code type} follows from the status. */
    public static APIGatewayV2HTTPResponse problem(int status, String title, String detail) {
        String type = switch (status) {
            case 400 -> "invalid";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 409 -> "conflict";
            default -> status >= 500 ? "internal" : "http-" + status;
        };
        return problem(status, type, title, detail, Map.of());
    }

    /** A problem the rules do not raise (unauthorized, no such route, key reused, internal error). */
    public static APIGatewayV2HTTPResponse problem(int status, String type, String title, String detail,
                                                   Map<String, Object> extensions) {
        return problem(status, title, detail, List.of(), PROBLEM_TYPES + type, extensions);
    }

    private static APIGatewayV2HTTPResponse problem(int status, String title, String detail,
                                                    List<Problem.FieldError> errors, String type,
                                                    Map<String, Object> extensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.putAll(extensions);
        if (!errors.isEmpty()) {
            body.put("errors", errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList());
        }
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
                .withHeaders(Map.of("Content-Type", "application/problem+json"))
                .withBody(Json.write(body)).build();
    }
}

package com.partnerchannel.licensing.local;

import com.partnerchannel.licensing.http.Responses;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedSet;

/**
 * The problems the local gateway answers itself, where API Gateway would (401, 404, 405, 500), typed
 * like the functions' own problems ({@code …/problems/not-found}) rather than {@code about:blank}, so
 * that a client tells them apart by {@code type} alone.
 */
final class GatewayProblems {
    private GatewayProblems() {
    }

    static LocalGateway.Response unauthorized(String detail) {
        return problem(401, "unauthorized", "Unauthorized", detail, Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""));
    }

    static LocalGateway.Response notFound(String detail) {
        return problem(404, "not-found", "Not found", detail, Map.of());
    }

    /** API Gateway answers 404 here too; 405 with {@code Allow} says more. */
    static LocalGateway.Response methodNotAllowed(String method, String path, SortedSet<String> allowed) {
        String methods = String.join(", ", allowed);
        return problem(405, "method-not-allowed", "Method not allowed", path + " answers " + methods + ", not " + method,
                Map.of("Allow", methods));
    }

    static LocalGateway.Response internalError(String detail) {
        return problem(500, "internal", "Internal server error", detail, Map.of());
    }

    private static LocalGateway.Response problem(int status, String type, String title, String detail,
                                                 Map<String, String> extraHeaders) {
        LocalGateway.Response problem = LocalGateway.of(Responses.problem(status, type, title, detail, Map.of()));
        Map<String, String> headers = new LinkedHashMap<>(problem.headers());
        headers.putAll(extraHeaders);
        return new LocalGateway.Response(status, headers, problem.body());
    }
}

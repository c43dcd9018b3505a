package com.partnerchannel.licensing.local;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;

/**
 * The local-only routes under {@code /local/} (tokens, emails, clock, sweep) and the API's contract and
 * reference page ({@code /openapi.yaml}, {@code /docs}), each path with the methods it answers; any other
 * request there is a 404, or a 405 naming the methods, as for the API.
 */
final class LocalRoutes {
    static final String PREFIX = "/local/";

    private final Map<String, NavigableMap<String, Function<LocalGateway.Request, LocalGateway.Response>>> routes =
            new ConcurrentHashMap<>();

    LocalRoutes add(String method, String path, Function<LocalGateway.Request, LocalGateway.Response> handler) {
        routes.computeIfAbsent(path, p -> new ConcurrentSkipListMap<>()).put(method, handler);
        return this;
    }

    static boolean isLocal(String path) {
        return path.startsWith(PREFIX) || path.equals(DocsEndpoint.OPENAPI) || path.equals(DocsEndpoint.DOCS)
                || path.startsWith(DocsEndpoint.DOCS + "/");
    }

    LocalGateway.Response handle(String method, LocalGateway.Request request) {
        String path = request.rawPath();
        NavigableMap<String, Function<LocalGateway.Request, LocalGateway.Response>> methods = routes.get(path);
        if (methods == null) return GatewayProblems.notFound("no local route " + method + " " + path);
        Function<LocalGateway.Request, LocalGateway.Response> handler = methods.get(method);
        if (handler == null) return GatewayProblems.methodNotAllowed(method, path, new TreeSet<>(methods.keySet()));
        return handler.apply(request);
    }
}

package com.partnerchannel.licensing.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.partnerchannel.licensing.common.Problem;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.Set;
import java.util.function.Function;

/**
 * An HTTP API function: routes by the event's route key (as declared in template.yaml) and turns
 * refusals into problems. A subclass only lists its routes.
 */
public abstract class HttpFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** Route key ({@code "POST /orders/{orderId}/assign"}) to what answers it. */
    protected abstract Map<String, Function<ApiRequest, APIGatewayV2HTTPResponse>> routes();

    public final Set<String> routeKeys() {
        return routes().keySet();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        ApiRequest request = new ApiRequest(event);
        Function<ApiRequest, APIGatewayV2HTTPResponse> route = routes().get(request.routeKey());
        if (route == null) return notFound("no route " + request.routeKey());
        try {
            return route.apply(request);
        } catch (Problem problem) {
            return refused(problem);
        } catch (ApiRequest.Unauthenticated e) {
            return unauthenticated(e.getMessage());
        } catch (Commands.KeyReused e) {
            return Responses.problem(422, "idempotency-key-reused", "Idempotency-Key reused", e.getMessage(), Map.of());
        } catch (RuntimeException e) {
            // The caller learns only that it failed and what to quote; the log line has the rest.
            String correlationId = context != null && context.getAwsRequestId() != null
                    ? context.getAwsRequestId() : UUID.randomUUID().toString();
            log(context, failure(request, correlationId, e));
            return failed(correlationId);
        }
    }

    /** How a refusal by the rules is answered: an RFC 9457 problem, unless a protocol of its own says otherwise. */
    protected APIGatewayV2HTTPResponse refused(Problem problem) {
        return Responses.problem(problem);
    }

    protected APIGatewayV2HTTPResponse unauthenticated(String detail) {
        return Responses.problem(401, "unauthorized", "Unauthorized", detail, Map.of());
    }

    protected APIGatewayV2HTTPResponse notFound(String detail) {
        return Responses.problem(404, "not-found", "Not found", detail, Map.of());
    }

    protected APIGatewayV2HTTPResponse failed(String correlationId) {
        return Responses.problem(500, "internal", "Internal error",
                "the request failed on our side; nothing was wrong with it. If it keeps failing, quote "
                        + correlationId, Map.of("correlationId", correlationId));
    }

    private static final int STACK_FRAMES = 12;

    /** One JSON line: what failed, on which route and tenant, with the stack for whoever reads it. */
    private static String failure(ApiRequest request, String correlationId, RuntimeException e) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("level", "ERROR");
        line.put("message", "unexpected failure");
        line.put("correlationId", correlationId);
        line.put("route", request.routeKey());
        line.put("pathParameters", request.pathParameters());
        line.put("error", e.getClass().getName() + ": " + e.getMessage());
        line.put("stack", java.util.Arrays.stream(e.getStackTrace()).limit(STACK_FRAMES).map(String::valueOf).toList());
        return Json.write(line);
    }

    private static void log(Context context, String message) {
        if (context != null && context.getLogger() != null) {
            context.getLogger().log(message + "\n");
        } else {
            System.err.println(message);
        }
    }
}

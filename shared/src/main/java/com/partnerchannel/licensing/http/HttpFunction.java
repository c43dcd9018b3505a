package com.partnerchannel.licensing.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.partnerchannel.licensing.common.Problem;

import java.util.Map;
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
        if (route == null) {
            return Responses.problem(404, "Not found", "no route " + request.routeKey());
        }
        try {
            return route.apply(request);
        } catch (Problem problem) {
            return Responses.problem(problem);
        } catch (ApiRequest.Unauthenticated e) {
            return Responses.problem(401, "Unauthorized", e.getMessage());
        } catch (Commands.KeyReused e) {
            return Responses.problem(422, "Idempotency-Key reused", e.getMessage());
        } catch (RuntimeException e) {
            log(context, "unexpected failure on " + request.routeKey() + ": " + e);
            throw e;
        }
    }

    private static void log(Context context, String message) {
        if (context != null && context.getLogger() != null) {
            context.getLogger().log(message);
        } else {
            System.err.println(message);
        }
    }
}

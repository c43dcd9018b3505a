package com.partnerchannel.licensing.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.common.TimeBudget;
import com.partnerchannel.licensing.config.Priming;
import com.partnerchannel.licensing.observability.Invocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP API function: routes by the event's route key (as declared in template.yaml) and turns
 * refusals into problems. A subclass only lists its routes. Each request is logged as an
 * {@link Invocation}: the route, the caller's company and {@code sub}, the status and the latency.
 */
public abstract class HttpFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(HttpFunction.class);
    /** The priming request's ids and user agent, so that its log line says what it was. */
    static final String PRIMING = "snapstart-priming";
    /** An id of the form ours take (a ULID) that no item has: ids are made from the time they were made at. */
    static final String NO_SUCH_ID = "00000000000000000000000000";

    /** Route key ({@code "POST /orders/{orderId}/assign"}) to what answers it. */
    protected abstract Map<String, Function<ApiRequest, APIGatewayV2HTTPResponse>> routes();

    public final Set<String> routeKeys() {
        return routes().keySet();
    }

    /**
     * SnapStart priming ({@link Priming}): before the snapshot, one request through this function's whole path
     * (routing, the use case and its DynamoDB reads, the problem Jackson writes, the log line): a GET of a
     * resource that does not exist, by a platform administrator, answered 404. The no-argument constructor,
     * Lambda's, calls this. A function without such a route primes its DynamoDB client only.
     */
    protected final void primeBeforeSnapshot() {
        primingRequest().ifPresent(event -> Priming.register(getClass().getSimpleName() + " " + event.getRouteKey(),
                () -> handleRequest(event, null)));
    }

    /** GET of the route with the fewest path parameters (at least one), each of them an id no item has. */
    public final Optional<APIGatewayV2HTTPEvent> primingRequest() {
        return routeKeys().stream().filter(key -> key.startsWith("GET ") && key.contains("{"))
                .min(Comparator.comparingLong((String key) -> key.chars().filter(c -> c == '{').count())
                        .thenComparing(Comparator.naturalOrder()))
                .map(HttpFunction::primingEvent);
    }

    private static APIGatewayV2HTTPEvent primingEvent(String routeKey) {
        String template = routeKey.substring("GET ".length());
        Map<String, String> parameters = new TreeMap<>();
        Matcher parameter = Pattern.compile("\\{([^}]+)}").matcher(template);
        while (parameter.find()) parameters.put(parameter.group(1), NO_SUCH_ID);
        String path = template.replaceAll("\\{[^}]+}", NO_SUCH_ID);
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey(routeKey).withRawPath(path)
                .withRawQueryString("").withPathParameters(parameters).withHeaders(Map.of("user-agent", PRIMING))
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRouteKey(routeKey)
                        .withRequestId(PRIMING).withStage("$default")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").withPath(path)
                                .withProtocol("HTTP/1.1").withSourceIp("127.0.0.1").withUserAgent(PRIMING).build())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                        .withClaims(Map.of("sub", PRIMING, "company_id", "PLATFORM",
                                                "role", "platform_admin"))
                                        .withScopes(List.of()).build())
                                .build())
                        .build())
                .build();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        ApiRequest request = new ApiRequest(event);
        return Invocation.ofRequest(context, request.routeKey())
                .id(Invocation.API_REQUEST_ID, request.gatewayRequestId())
                .id(Invocation.COMPANY_ID, request.claim("company_id"))
                .id(Invocation.ACTOR, request.claim("sub"))
                .run(invocation -> {
                    // Retries inside the rules stop in time to answer (TimeBudget), counting Lambda's remaining time.
                    APIGatewayV2HTTPResponse response = context == null ? answer(request, context, invocation)
                            : TimeBudget.within(context::getRemainingTimeInMillis, () -> answer(request, context, invocation));
                    invocation.closing("status", response.getStatusCode());
                    return response;
                });
    }

    private APIGatewayV2HTTPResponse answer(ApiRequest request, Context context, Invocation invocation) {
        Function<ApiRequest, APIGatewayV2HTTPResponse> route = routes().get(request.routeKey());
        if (route == null) return notFound("no route " + request.routeKey());
        try {
            return route.apply(request);
        } catch (Problem problem) {
            invocation.closing("problem", problem.kind().name());
            return refused(problem);
        } catch (ApiRequest.Unauthenticated e) {
            return unauthenticated(e.getMessage());
        } catch (Commands.KeyReused e) {
            return Responses.problem(422, "idempotency-key-reused", "Idempotency-Key reused", e.getMessage(), Map.of());
        } catch (RuntimeException e) {
            if (AwsUnavailable.isTransactionConflict(e)) {
                LOG.atWarn().log("TransactionConflict after retries: answered 409 with Retry-After");
                invocation.closing("problem", Problem.Kind.CONFLICT.name());
                return refused(Problem.keptChanging("another request's transaction held an item this request writes;"
                        + " send it again"));
            }
            Optional<String> busy = AwsUnavailable.errorCode(e);
            if (busy.isPresent()) {
                // AWS throttled us or failed, after the SDK's own retries: the caller may send it again.
                LOG.atWarn().addKeyValue("awsErrorCode", busy.get()).log("AWS unavailable after retries: answered 503");
                invocation.closing("problem", Problem.Kind.UNAVAILABLE.name());
                return refused(Problem.unavailable("AWS is busy (" + busy.get() + ") and did not take the request after"
                        + " retries; send it again, with the same Idempotency-Key if it had one"));
            }
            // The caller learns only that it failed and what to quote; the log line has the rest, with the
            // request's ids (the correlation id is Lambda's request id, which every line of it carries).
            String correlationId = context != null && context.getAwsRequestId() != null
                    ? context.getAwsRequestId() : UUID.randomUUID().toString();
            LOG.atError().setCause(e).addKeyValue("correlationId", correlationId).log("unexpected failure");
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
}

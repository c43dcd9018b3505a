package com.partnerchannel.licensing.functions.assignment;

import com.partnerchannel.licensing.observability.Metrics;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.partnerchannel.licensing.config.Licensing;
import com.partnerchannel.licensing.http.ApiRequest;
import com.partnerchannel.licensing.http.Commands;
import com.partnerchannel.licensing.http.HttpFunction;
import com.partnerchannel.licensing.http.Json;
import com.partnerchannel.licensing.http.Views;
import com.partnerchannel.licensing.common.OrderId;

import java.util.Map;
import java.util.function.Function;

/** What only a partner above the customer does with an order: assign it (creating the pool) or reject it. */
public final class PartnerAssignmentHandler extends HttpFunction {
    private final Licensing licensing;
    private final Commands commands;
    private final Map<String, Function<ApiRequest, APIGatewayV2HTTPResponse>> routes = Map.of(
            "POST /orders/{orderId}/assign", this::assign,
            "POST /orders/{orderId}/reject", this::reject);

    public PartnerAssignmentHandler() {
        this(Licensing.fromEnvironment());
        primeBeforeSnapshot();
    }

    public PartnerAssignmentHandler(Licensing licensing) {
        this.licensing = licensing;
        this.commands = new Commands(licensing.transactions);
    }

    @Override
    protected Map<String, Function<ApiRequest, APIGatewayV2HTTPResponse>> routes() {
        return routes;
    }

    private APIGatewayV2HTTPResponse assign(ApiRequest request) {
        return commands.run(request, 200, () -> licensing.assigningOrder.assign(request.actor(),
                new OrderId(request.path("orderId"))), Views::order, Metrics.ORDERS_ASSIGNED);
    }

    private APIGatewayV2HTTPResponse reject(ApiRequest request) {
        return commands.run(request, 200, () -> licensing.rejectingOrder.reject(request.actor(),
                new OrderId(request.path("orderId")), Json.read(request.body(), RejectBody.class).reason()),
                Views::order, Metrics.ORDERS_REJECTED);
    }

    record RejectBody(String reason) {
    }
}

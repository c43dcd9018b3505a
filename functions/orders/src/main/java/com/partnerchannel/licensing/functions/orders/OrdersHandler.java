package com.partnerchannel.licensing.functions.orders;

import com.partnerchannel.licensing.observability.Metrics;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.partnerchannel.licensing.config.Licensing;
import com.partnerchannel.licensing.http.ApiRequest;
import com.partnerchannel.licensing.http.Commands;
import com.partnerchannel.licensing.http.HttpFunction;
import com.partnerchannel.licensing.http.Json;
import com.partnerchannel.licensing.http.RequestOrderRequest;
import com.partnerchannel.licensing.http.Responses;
import com.partnerchannel.licensing.http.Views;
import com.partnerchannel.licensing.ordering.application.OrderQuery;
import com.partnerchannel.licensing.common.OrderId;
import com.partnerchannel.licensing.tenancy.model.CompanyId;

import java.util.Map;
import java.util.function.Function;

/** Orders as the customer side and the partner's "Requested Orders" see them: request, list, get, cancel. */
public final class OrdersHandler extends HttpFunction {
    private final Licensing licensing;
    private final Commands commands;
    private final Map<String, Function<ApiRequest, APIGatewayV2HTTPResponse>> routes = Map.of(
            "POST /companies/{companyId}/orders", this::request,
            "GET /companies/{companyId}/orders", this::ofCompany,
            "GET /orders", this::inSubtree,
            "GET /orders/{orderId}", this::get,
            "POST /orders/{orderId}/cancel", this::cancel);

    public OrdersHandler() {
        this(Licensing.fromEnvironment());
        primeBeforeSnapshot();
    }

    public OrdersHandler(Licensing licensing) {
        this.licensing = licensing;
        this.commands = new Commands(licensing.transactions);
    }

    @Override
    protected Map<String, Function<ApiRequest, APIGatewayV2HTTPResponse>> routes() {
        return routes;
    }

    private APIGatewayV2HTTPResponse request(ApiRequest request) {
        return commands.run(request, 201, () -> licensing.requestingOrder.request(request.actor(),
                new CompanyId(request.path("companyId")), Json.read(request.body(), RequestOrderRequest.class)::command),
                Views::order, Metrics.ORDERS_REQUESTED);
    }

    private APIGatewayV2HTTPResponse ofCompany(ApiRequest request) {
        return Responses.json(200, Views.page(licensing.viewingOrders.ofCompany(request.actor(),
                new CompanyId(request.path("companyId")), OrderQuery.status(request.query("status")), request.page()),
                Views::order));
    }

    private APIGatewayV2HTTPResponse inSubtree(ApiRequest request) {
        OrderQuery query = OrderQuery.of(request.query("status"), request.query("companyId"), request.query("kind"),
                request.query("from"), request.query("to"));
        return Responses.json(200, Views.page(licensing.viewingOrders.inSubtree(request.actor(), query, request.page()),
                Views::order));
    }

    private APIGatewayV2HTTPResponse get(ApiRequest request) {
        return Responses.json(200, Views.order(licensing.viewingOrders.get(request.actor(),
                new OrderId(request.path("orderId")))));
    }

    private APIGatewayV2HTTPResponse cancel(ApiRequest request) {
        return commands.run(request, 200, () -> licensing.cancellingOrder.cancel(request.actor(),
                new OrderId(request.path("orderId"))), Views::order);
    }
}

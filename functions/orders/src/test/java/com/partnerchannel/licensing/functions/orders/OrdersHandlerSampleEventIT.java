package com.partnerchannel.licensing.functions.orders;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerchannel.licensing.config.Licensing;
import com.partnerchannel.licensing.testing.LocalDynamoDb;
import com.partnerchannel.licensing.testing.MutableClock;
import com.partnerchannel.licensing.testing.SampleEvents;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OrdersHandlerSampleEventIT {
    @Test
    void theSampleOrderRequestCreatesTheOrderAndItsRepeatAnswersTheSame() throws Exception {
        MutableClock clock = MutableClock.at("2026-11-22T09:00:00Z");
        Licensing licensing = new Licensing(LocalDynamoDb.client(), LocalDynamoDb.freshTable(), clock);
        SampleEvents.seed(licensing.transactions, clock.instant());
        OrdersHandler handler = new OrdersHandler(licensing);

        APIGatewayV2HTTPResponse first = handler.handleRequest(SampleEvents.httpEvent("orders-request-order.json"), null);
        APIGatewayV2HTTPResponse repeat = handler.handleRequest(SampleEvents.httpEvent("orders-request-order.json"), null);

        assertThat(first.getStatusCode()).as(first.getBody()).isEqualTo(201);
        var order = new ObjectMapper().readTree(first.getBody());
        assertThat(order.path("quantity").asInt()).isEqualTo(25);
        assertThat(order.path("purchaseOrderRef").asText()).isEqualTo("PO-2026-118");
        assertThat(order.path("status").asText()).isEqualTo("requested");
        assertThat(repeat.getBody()).isEqualTo(first.getBody());
    }
}

package com.partnerchannel.licensing.functions.orders;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.partnerchannel.licensing.testing.InMemoryLicensing;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The request SnapStart priming sends through the orders function before the snapshot. */
class OrdersHandlerPrimingTest {

    @Test
    void primingAsksForTheOrdersOfACompanyThatDoesNotExist() {
        InMemoryLicensing memory = new InMemoryLicensing();
        OrdersHandler handler = new OrdersHandler(memory.licensing);

        APIGatewayV2HTTPEvent priming = handler.primingRequest().orElseThrow();

        assertThat(priming.getRouteKey()).isEqualTo("GET /companies/{companyId}/orders");
        assertThat(priming.getRawPath()).isEqualTo("/companies/00000000000000000000000000/orders");
        assertThat(priming.getPathParameters()).containsEntry("companyId", "00000000000000000000000000");
        var response = handler.handleRequest(priming, null);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(404);
    }
}

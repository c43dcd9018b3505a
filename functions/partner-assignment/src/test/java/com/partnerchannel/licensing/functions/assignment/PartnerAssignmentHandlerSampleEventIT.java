package com.partnerchannel.licensing.functions.assignment;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerchannel.licensing.config.Licensing;
import com.partnerchannel.licensing.testing.LocalDynamoDb;
import com.partnerchannel.licensing.testing.MutableClock;
import com.partnerchannel.licensing.testing.SampleEvents;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PartnerAssignmentHandlerSampleEventIT {
    @Test
    void theSampleAssignEventAssignsTheOrderAndStartsTheTwelveMonths() throws Exception {
        MutableClock clock = MutableClock.at("2026-11-22T09:00:00Z");
        Licensing licensing = new Licensing(LocalDynamoDb.client(), LocalDynamoDb.freshTable(), clock);
        SampleEvents.seed(licensing.transactions, clock.instant());

        APIGatewayV2HTTPResponse response = new PartnerAssignmentHandler(licensing)
                .handleRequest(SampleEvents.httpEvent("partner-assignment-assign-order.json"), null);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        var order = new ObjectMapper().readTree(response.getBody());
        assertThat(order.path("status").asText()).isEqualTo("assigned");
        assertThat(order.path("assignedAt").asText()).isEqualTo("2026-11-22T09:00:00Z");
        assertThat(order.path("poolId").asText()).isNotBlank();
    }
}

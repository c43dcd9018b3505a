package com.partnerchannel.licensing.functions.directory;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerchannel.licensing.config.Licensing;
import com.partnerchannel.licensing.testing.LocalDynamoDb;
import com.partnerchannel.licensing.testing.MutableClock;
import com.partnerchannel.licensing.testing.SampleEvents;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DirectoryTokensHandlerSampleEventIT {
    @Test
    void theSampleEventMakesATokenForTheCustomerWhoseSecretWorksOnce() throws Exception {
        MutableClock clock = MutableClock.at("2026-11-22T09:00:00Z");
        Licensing licensing = new Licensing(LocalDynamoDb.client(), LocalDynamoDb.freshTable(), clock);
        SampleEvents.seed(licensing.transactions, clock.instant());

        APIGatewayV2HTTPResponse response = new DirectoryTokensHandler(licensing)
                .handleRequest(SampleEvents.httpEvent("directory-tokens-create-token.json"), null);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
        JsonNode token = new ObjectMapper().readTree(response.getBody());
        assertThat(token.path("scimBaseUrl").asText()).isEqualTo("https://abc123.execute-api.eu-west-1.amazonaws.com/scim/v2");
        assertThat(licensing.authenticatingDirectory.authenticate("Bearer " + token.path("token").asText()))
                .hasValueSatisfying(found -> assertThat(found.companyId()).isEqualTo(SampleEvents.CUSTOMER));
    }
}

package com.partnerchannel.licensing.functions.scim;

import com.partnerchannel.licensing.allocation.model.LearnerSource;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerchannel.licensing.config.Licensing;
import com.partnerchannel.licensing.directory.model.DirectoryToken;
import com.partnerchannel.licensing.directory.model.TokenText;
import com.partnerchannel.licensing.dynamodb.DynamoDirectoryTokens;
import com.partnerchannel.licensing.dynamodb.DynamoLearners;
import com.partnerchannel.licensing.tenancy.model.UserId;
import com.partnerchannel.licensing.testing.LocalDynamoDb;
import com.partnerchannel.licensing.testing.MutableClock;
import com.partnerchannel.licensing.testing.SampleEvents;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ScimHandlerSampleEventIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theSampleEventIsEntraIdCreatingALearnerWhoTakesASeatAndItsRetryIsAUniquenessConflict() throws Exception {
        MutableClock clock = MutableClock.at("2026-11-22T09:00:00Z");
        String table = LocalDynamoDb.freshTable();
        Licensing licensing = new Licensing(LocalDynamoDb.client(), table, clock);
        SampleEvents.seedAssigned(licensing);
        APIGatewayV2HTTPEvent event = SampleEvents.httpEvent("scim-create-user.json");
        // The sample's token, stored as the portal API stores one: its hash only.
        TokenText token = TokenText.parse(event.getHeaders().get("authorization").substring("Bearer ".length())).orElseThrow();
        new DynamoDirectoryTokens(LocalDynamoDb.client(), table).add(new DirectoryToken(token.tokenId(), token.companyId(),
                token.hash(), token.hint(), clock.instant(), "01JDEMOCUSTMANAGER00000000", Optional.empty()));
        ScimHandler handler = new ScimHandler(licensing);

        APIGatewayV2HTTPResponse created = handler.handleRequest(event, null);

        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(201);
        assertThat(created.getHeaders()).containsEntry("Content-Type", "application/scim+json");
        JsonNode user = JSON.readTree(created.getBody());
        assertThat(user.path("userName").asText()).isEqualTo("ann.lee@customer.example");
        assertThat(user.path("meta").path("location").asText())
                .isEqualTo("https://abc123.execute-api.eu-west-1.amazonaws.com/scim/v2/Users/" + user.path("id").asText());
        assertThat(user.path("urn:partnerchannel:params:scim:schemas:extension:licensing:2.0:User").path("licenceStatus")
                .asText()).isEqualTo("active");
        assertThat(new DynamoLearners(LocalDynamoDb.client(), table)
                .get(SampleEvents.CUSTOMER, new UserId(user.path("id").asText())))
                .hasValueSatisfying(learner -> assertThat(learner.source()).isEqualTo(LearnerSource.directory));

        APIGatewayV2HTTPResponse retried = handler.handleRequest(SampleEvents.httpEvent("scim-create-user.json"), null);

        assertThat(retried.getStatusCode()).isEqualTo(409);
        assertThat(JSON.readTree(retried.getBody()).path("scimType").asText()).isEqualTo("uniqueness");
    }
}

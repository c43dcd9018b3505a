package com.partnerchannel.licensing.functions.companies;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerchannel.licensing.config.Licensing;
import com.partnerchannel.licensing.testing.LocalDynamoDb;
import com.partnerchannel.licensing.testing.MutableClock;
import com.partnerchannel.licensing.testing.SampleEvents;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CompaniesHandlerSampleEventIT {
    @Test
    void theSampleGetCompanyEventAnswersTheCustomerToItsPartnersManager() throws Exception {
        MutableClock clock = MutableClock.at("2026-11-22T09:00:00Z");
        Licensing licensing = new Licensing(LocalDynamoDb.client(), LocalDynamoDb.freshTable(), clock);
        SampleEvents.seed(licensing.transactions, clock.instant());

        APIGatewayV2HTTPResponse response = new CompaniesHandler(licensing)
                .handleRequest(SampleEvents.httpEvent("companies-get-company.json"), null);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        var company = new ObjectMapper().readTree(response.getBody());
        assertThat(company.path("companyId").asText()).isEqualTo(SampleEvents.CUSTOMER.value());
        assertThat(company.path("licences").path("availableSeats").asInt()).isZero();
    }
}

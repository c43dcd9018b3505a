package com.partnerchannel.licensing.local;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /local/redrive} invokes the template's OutboxRedriveFunction as an on-call engineer invokes it:
 * after an order, whose event the runner's stream delivered to the publisher, it finds nothing to publish,
 * since the publisher recorded the event published; an event it missed would go out here.
 */
class LocalRunnerRedriveIT {
    @Test
    void theRedriveFindsNothingLeftWhenThePublisherPublishedEveryEvent() {
        try (LocalRunner runner = LocalRunner.start(LocalOptions.defaults().withPort(0))) {
            ApiClient api = new ApiClient(runner.baseUrl());
            DemoTree demo = runner.demo().orElseThrow();
            String customer = runner.authorizer().mint(demo.premiumCustomer().identity());
            ApiClient.Answer ordered = api.post("/companies/" + demo.premiumCustomer().companyId() + "/orders", customer,
                    "{\"quantity\":3}");
            assertThat(ordered.status()).as(ordered.toString()).isEqualTo(201);
            assertThat(api.get("/local/emails", null).json().path("items").size())
                    .as("the order's event reached the bus (its emails were sent)").isPositive();
            // Past the five minutes a redrive leaves to the stream.
            ApiClient.Answer moved = api.post("/local/clock", null,
                    "{\"now\":\"" + Instant.now().plus(Duration.ofHours(1)) + "\"}");
            assertThat(moved.status()).as(moved.toString()).isEqualTo(200);

            ApiClient.Answer redrive = api.post("/local/redrive", null, "{}");

            assertThat(redrive.status()).as(redrive.toString()).isEqualTo(200);
            assertThat(redrive.json().path("done").asBoolean()).as(redrive.toString()).isTrue();
            assertThat(redrive.json().path("published").asInt()).isZero();
            assertThat(redrive.json().path("complete").asBoolean()).isTrue();
        }
    }
}

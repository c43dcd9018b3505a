package com.partnerchannel.licensing.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerchannel.licensing.faults.Faults;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --faults}: the real handlers' DynamoDB clients fail as AWS does under load, and the banner says so. */
class LocalRunnerFaultsIT {

    @Test
    void withEveryWriteInConflictACreateIsRefusedAsAConflictAndWritesNothingWhileReadsWork() {
        LocalOptions options = LocalOptions.parse("--port", "0", "--no-seed", "--faults", "dynamodb-conflict=1",
                "--faults-seed", "7");
        try (LocalRunner runner = LocalRunner.start(options)) {
            ApiClient api = new ApiClient(runner.baseUrl());
            String admin = api.token("platform-admin", "PLATFORM", "platform_admin");

            ApiClient.Answer created = api.post("/companies", admin,
                    "{\"name\":\"First Partner\",\"kind\":\"partner\",\"managers\":[{\"email\":\"ann@first.example.com\",\"name\":\"Ann\"}]}");

            assertThat(Banner.text(runner, options)).contains("FAULTS ON:      dynamodb-conflict=1.0, seed 7");
            assertThat(created.status()).as(created.toString()).isEqualTo(409);
            assertThat(created.header("Content-Type")).startsWith("application/problem+json");
            assertThat(created.header("Retry-After")).isEqualTo("1");
            assertThat(runner.faults().orElseThrow().injected()).isPositive();
            ApiClient.Answer listed = api.get("/companies", admin);
            assertThat(listed.status()).isEqualTo(200);
            assertThat(listed.json().path("items")).isEmpty();
        }
    }

    /**
     * Every DynamoDB call throttled: the SDK's retries (4 attempts) run out and the caller hears a 503 problem
     * it may send again, with Retry-After, never a 500; nothing was written.
     */
    @Test
    void withEveryCallThrottledRequestsAreA503ProblemWithRetryAfterAndWriteNothing() {
        LocalOptions options = LocalOptions.parse("--port", "0", "--no-seed", "--faults", "dynamodb-throttle=1",
                "--faults-seed", "11");
        try (LocalRunner runner = LocalRunner.start(options)) {
            ApiClient api = new ApiClient(runner.baseUrl());
            String admin = api.token("platform-admin", "PLATFORM", "platform_admin");

            ApiClient.Answer created = api.post("/companies", admin,
                    "{\"name\":\"First Partner\",\"kind\":\"partner\",\"managers\":[{\"email\":\"ann@first.example.com\",\"name\":\"Ann\"}]}",
                    "create-first-1");
            ApiClient.Answer listed = api.get("/companies", admin);

            for (ApiClient.Answer answer : new ApiClient.Answer[]{created, listed}) {
                assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
                assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
                assertThat(answer.header("Retry-After")).isEqualTo("2");
                assertThat(answer.json().path("type").asText()).isEqualTo("https://licensing.partnerchannel.com/problems/unavailable");
            }
            // 4 attempts per DynamoDB call (the SDK's standard strategy), each one throttled.
            assertThat(runner.faults().orElseThrow().injected()).isGreaterThanOrEqualTo(8);
            runner.faults().orElseThrow().switchOn(false);
            assertThat(api.get("/companies", admin).json().path("items")).isEmpty();
            ApiClient.Answer retried = api.post("/companies", admin,
                    "{\"name\":\"First Partner\",\"kind\":\"partner\",\"managers\":[{\"email\":\"ann@first.example.com\",\"name\":\"Ann\"}]}",
                    "create-first-1");
            assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
        }
    }

    /**
     * SES refusing sends (sending rate, daily quota) and EventBridge throttling calls and dropping entries:
     * the publisher's refused events are retried (the stream's retries, then the redrive) and the notifier's
     * failed sends are retried by the bus, so every order's event reaches the bus and its email goes out,
     * and no email is sent twice.
     */
    @Test
    void withSesAndEventBridgeFaultsEveryEventIsPublishedAndEveryEmailGoesOutOnce() {
        LocalOptions options = LocalOptions.defaults().withPort(0).withFaults(Faults.parse(
                "ses-throttle=0.3,ses-quota-exceeded=0.1,eventbridge-throttle=0.2,eventbridge-failed-entry=0.3", 5));
        try (LocalRunner runner = LocalRunner.start(options)) {
            ApiClient api = new ApiClient(runner.baseUrl());
            DemoTree demo = runner.demo().orElseThrow();
            String customer = runner.authorizer().mint(demo.premiumCustomer().identity());
            int emailsBefore = api.get("/local/emails", null).json().path("items").size();
            List<String> orders = new ArrayList<>();
            for (int quantity = 1; quantity <= 8; quantity++) {
                ApiClient.Answer ordered = api.post("/companies/" + demo.premiumCustomer().companyId() + "/orders", customer,
                        "{\"quantity\":" + quantity + "}");
                assertThat(ordered.status()).as(ordered.toString()).isEqualTo(201);
                orders.add(ordered.json().path("orderId").asText());
            }
            // Past the five minutes a redrive leaves to the stream: what the stream's retries did not publish goes now.
            api.post("/local/clock", null, "{\"now\":\"" + Instant.now().plus(Duration.ofHours(1)) + "\"}");
            ApiClient.Answer redrive = null;
            for (int run = 1; run <= 10; run++) {
                redrive = api.post("/local/redrive", null, "{}");
                assertThat(redrive.status()).as(redrive.toString()).isEqualTo(200);
                if (redrive.json().path("done").asBoolean()) break;
            }

            assertThat(redrive.json().path("done").asBoolean()).as(String.valueOf(redrive)).isTrue();
            assertThat(runner.faults().orElseThrow().injected()).isPositive();
            List<JsonNode> emails = new ArrayList<>();
            api.get("/local/emails", null).json().path("items").forEach(emails::add);
            Map<String, List<String>> recipientsByOrder = new HashMap<>();
            for (JsonNode email : emails.subList(0, emails.size() - emailsBefore)) {
                orders.stream().filter(order -> email.path("text").asText().contains(order)).forEach(order ->
                        recipientsByOrder.computeIfAbsent(order, o -> new ArrayList<>()).add(email.path("to").path(0).asText()));
            }
            assertThat(recipientsByOrder).as("every order's email went out").containsOnlyKeys(orders);
            int recipients = recipientsByOrder.get(orders.get(0)).size();
            assertThat(recipientsByOrder.values()).allSatisfy(to -> assertThat(to).as("no email twice")
                    .doesNotHaveDuplicates().hasSize(recipients));
        }
    }

    @Test
    void withoutFaultsTheBannerSaysNothingOfThem() {
        LocalOptions options = LocalOptions.parse("--port", "0", "--no-seed");
        try (LocalRunner runner = LocalRunner.start(options)) {
            assertThat(runner.faults()).isEmpty();
            assertThat(Banner.text(runner, options)).doesNotContain("FAULTS");
        }
    }

    /**
     * Every write commits and its answer is lost once; the SDK retries it. A transaction's retry carries the
     * ClientRequestToken the SDK filled in for the call, so it meets its own commit as a success.
     */
    @Test
    void aCreateWhoseCommitsAnswersAreLostIsDoneOnceWithOrWithoutAKeyAndItsKeyReplaysTheFirstAnswer() {
        LocalOptions options = LocalOptions.parse("--port", "0", "--no-seed", "--faults", "dynamodb-ambiguous-commit=1");
        try (LocalRunner runner = LocalRunner.start(options)) {
            ApiClient api = new ApiClient(runner.baseUrl());
            String admin = api.token("platform-admin", "PLATFORM", "platform_admin");
            String keyed = "{\"name\":\"Keyed Partner\",\"kind\":\"partner\",\"managers\":[{\"email\":\"kim@keyed.example.com\",\"name\":\"Kim\"}]}";
            String keyless = "{\"name\":\"Keyless Partner\",\"kind\":\"partner\",\"managers\":[{\"email\":\"lee@keyless.example.com\",\"name\":\"Lee\"}]}";

            ApiClient.Answer first = api.post("/companies", admin, keyed, "create-keyed-1");
            ApiClient.Answer repeat = api.post("/companies", admin, keyed, "create-keyed-1");
            ApiClient.Answer withoutKey = api.post("/companies", admin, keyless);

            assertThat(first.status()).as(first.toString()).isEqualTo(201);
            assertThat(repeat.status()).as(repeat.toString()).isEqualTo(201);
            assertThat(repeat.json().path("companyId")).isEqualTo(first.json().path("companyId"));
            assertThat(withoutKey.status()).as(withoutKey.toString()).isEqualTo(201);
            assertThat(runner.faults().orElseThrow().injected()).isGreaterThanOrEqualTo(2);
            ApiClient.Answer listed = api.get("/companies", admin);
            assertThat(listed.json().path("items")).extracting(c -> c.path("name").asText())
                    .containsExactlyInAnyOrder("Keyed Partner", "Keyless Partner");
        }
    }
}

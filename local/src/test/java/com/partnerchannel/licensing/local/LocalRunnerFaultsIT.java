package com.partnerchannel.licensing.local;

import org.junit.jupiter.api.Test;

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

package com.partnerchannel.licensing.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local clock: read, moved forward, reset, but never moved back before a time it has already
 * shown, since the data may hold that time (a company made then would be older than its parent).
 */
class LocalClockIT {
    static final String PROBLEMS = "https://licensing.partnerchannel.com/problems/";

    @TempDir
    Path dataDir;

    @Test
    void theClockIsReadMovedForwardAndRefusesAMoveBeforeTheLatestTimeItShowed() {
        try (LocalRunner runner = LocalRunner.start(LocalOptions.defaults().withPort(0).withoutSeed())) {
            ApiClient api = new ApiClient(runner.baseUrl());
            Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            ApiClient.Answer read = api.get("/local/clock", null);
            assertThat(read.status()).as(read.toString()).isEqualTo(200);
            assertThat(now(read)).isBetween(before, Instant.now());

            ApiClient.Answer moved = api.post("/local/clock", null, "{\"now\":\"2031-06-01T08:00:00Z\"}");
            assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
            assertThat(now(api.get("/local/clock", null))).isAfterOrEqualTo(Instant.parse("2031-06-01T08:00:00Z"));

            ApiClient.Answer back = api.post("/local/clock", null, "{\"now\":\"2020-01-01T00:00:00Z\"}");
            assertThat(back.status()).as(back.toString()).isEqualTo(409);
            assertThat(back.json().path("type").asText()).isEqualTo(PROBLEMS + "conflict");
            assertThat(back.json().path("detail").asText()).contains("2020-01-01T00:00:00Z").contains("2031-06-01T08:00");
            assertThat(now(api.get("/local/clock", null))).isAfterOrEqualTo(Instant.parse("2031-06-01T08:00:00Z"));
        }
    }

    @Test
    void aResetGoesBackToTheRealTimeUnlessTheClockHasShownALaterOne() {
        try (LocalRunner runner = LocalRunner.start(LocalOptions.defaults().withPort(0).withoutSeed())) {
            ApiClient api = new ApiClient(runner.baseUrl());
            Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            ApiClient.Answer reset = api.send("DELETE", "/local/clock", null);
            assertThat(reset.status()).as(reset.toString()).isEqualTo(200);
            assertThat(now(reset)).isBetween(before, Instant.now());

            api.post("/local/clock", null, "{\"now\":\"2031-06-01T08:00:00Z\"}");
            ApiClient.Answer refused = api.send("DELETE", "/local/clock", null);

            assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
            assertThat(refused.json().path("detail").asText()).contains("2031-06-01T08:00");
        }
    }

    @Test
    void aBodyWithoutAnInstantIsInvalidAndSaysWhatToSend() {
        try (LocalRunner runner = LocalRunner.start(LocalOptions.defaults().withPort(0).withoutSeed())) {
            ApiClient.Answer answer = new ApiClient(runner.baseUrl()).post("/local/clock", null, "{\"now\":\"tomorrow\"}");

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.json().path("type").asText()).isEqualTo(PROBLEMS + "invalid");
            assertThat(answer.json().path("detail").asText()).contains("ISO-8601");
        }
    }

    @Test
    void aRestartWithTheSameDataDirectoryGoesOnFromTheLatestTimeTheClockShowed() {
        LocalOptions options = LocalOptions.defaults().withPort(0).withoutSeed().withDataDir(dataDir);
        try (LocalRunner first = LocalRunner.start(options)) {
            ApiClient.Answer moved = new ApiClient(first.baseUrl()).post("/local/clock", null, "{\"now\":\"2031-06-01T08:00:00Z\"}");
            assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        }

        try (LocalRunner second = LocalRunner.start(options)) {
            ApiClient api = new ApiClient(second.baseUrl());
            assertThat(now(api.get("/local/clock", null))).isAfterOrEqualTo(Instant.parse("2031-06-01T08:00:00Z"));
            assertThat(api.post("/local/clock", null, "{\"now\":\"2031-05-31T00:00:00Z\"}").status()).isEqualTo(409);
        }
    }

    @Test
    void withoutADataDirectoryEachStartIsAtTheRealTime() {
        try (LocalRunner first = LocalRunner.start(LocalOptions.defaults().withPort(0).withoutSeed())) {
            new ApiClient(first.baseUrl()).post("/local/clock", null, "{\"now\":\"2031-06-01T08:00:00Z\"}");
        }

        try (LocalRunner second = LocalRunner.start(LocalOptions.defaults().withPort(0).withoutSeed())) {
            Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            assertThat(now(new ApiClient(second.baseUrl()).get("/local/clock", null))).isBetween(before, Instant.now());
        }
    }

    private static Instant now(ApiClient.Answer answer) {
        return Instant.parse(answer.json().path("now").asText());
    }
}

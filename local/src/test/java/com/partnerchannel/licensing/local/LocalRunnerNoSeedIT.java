package com.partnerchannel.licensing.local;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LocalRunnerNoSeedIT {

    @Test
    void withoutSeedTheTableStartsEmptyAndTheApiWorks() {
        try (LocalRunner runner = LocalRunner.start(LocalOptions.parse("--port", "0", "--no-seed"))) {
            ApiClient api = new ApiClient(runner.baseUrl());
            String admin = api.token("platform-admin", "PLATFORM", "platform_admin");

            assertThat(runner.demo()).isEmpty();
            assertThat(runner.seeded()).isFalse();
            assertThat(api.get("/companies", admin).json().path("items")).isEmpty();

            ApiClient.Answer created = api.post("/companies", admin,
                    "{\"name\":\"First Partner\",\"kind\":\"partner\",\"managers\":[{\"email\":\"ann@first.example.com\",\"name\":\"Ann\"}]}");
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            assertThat(api.get("/companies", admin).json().path("items")).hasSize(1);
        }
    }
}

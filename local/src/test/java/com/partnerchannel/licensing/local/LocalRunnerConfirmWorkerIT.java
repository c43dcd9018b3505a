package com.partnerchannel.licensing.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerchannel.licensing.config.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A confirm too large to answer at once, on the runner: the confirm route answers 202, and the outbox
 * event reaches the confirm worker through the local stream and bus, as the template subscribes it.
 * Every confirm counts as large here ({@code CONFIRM_AT_ONCE_UP_TO} 0).
 */
class LocalRunnerConfirmWorkerIT {
    static LocalRunner runner;
    static ApiClient api;

    @BeforeAll
    static void start() {
        LocalFunctions.localResource(Configuration.CONFIRM_AT_ONCE_UP_TO, "0");
        runner = LocalRunner.start(LocalOptions.defaults().withPort(0));
        api = new ApiClient(runner.baseUrl());
    }

    @AfterAll
    static void stop() {
        LocalFunctions.forgetLocalResource(Configuration.CONFIRM_AT_ONCE_UP_TO);
        if (runner != null) runner.close();
    }

    @Test
    void theConfirmWorkerRunsOnTheLocalBusAndRecordsWhyNothingWasRenewed() throws Exception {
        DemoTree demo = runner.demo().orElseThrow();
        String manager = runner.authorizer().mint(demo.premiumCustomer().identity());
        String company = "/companies/" + demo.premiumCustomer().companyId();
        JsonNode started = api.post(company + "/renewal-imports", manager, null).json();
        String importPath = company + "/renewal-imports/" + started.path("importId").asText();
        // The premium customer has no licences yet: its manager is unlicensed, so renewable.
        HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                started.path("uploadUrl").asText())).PUT(HttpRequest.BodyPublishers.ofString(
                "Email\npaula@fabrikam.example.com\n")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        JsonNode analysed = await(importPath, manager, "awaiting_upload");
        assertThat(analysed.path("toRenew").path("count").asInt()).as(analysed.toString()).isEqualTo(1);

        ApiClient.Answer accepted = api.post(importPath + "/confirm", manager, "{}");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        JsonNode done = await(importPath, manager, "confirming");

        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("analysed");
        assertThat(done.path("confirmation").path("failure").path("needed").asInt()).isEqualTo(1);
        assertThat(done.path("confirmation").path("failure").path("free").asInt()).isZero();
    }

    private static JsonNode await(String path, String token, String whileStatus) throws Exception {
        JsonNode current = null;
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            current = api.get(path, token).json();
            if (!current.path("status").asText().equals(whileStatus)) return current;
            Thread.sleep(200);
        }
        return current;
    }
}

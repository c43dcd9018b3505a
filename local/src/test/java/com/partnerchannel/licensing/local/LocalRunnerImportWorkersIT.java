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
 * A confirm, and a re-analysis, too large to answer at once, on the runner: the route answers 202, and the
 * outbox event reaches the worker through the local stream and bus, as the template subscribes it. Every
 * confirm and every re-analysis counts as large here ({@code CONFIRM_AT_ONCE_UP_TO} and
 * {@code ANALYSE_AT_ONCE_UP_TO_BYTES} 0).
 */
class LocalRunnerImportWorkersIT {
    static LocalRunner runner;
    static ApiClient api;

    @BeforeAll
    static void start() {
        LocalFunctions.localResource(Configuration.CONFIRM_AT_ONCE_UP_TO, "0");
        LocalFunctions.localResource(Configuration.ANALYSE_AT_ONCE_UP_TO_BYTES, "0");
        runner = LocalRunner.start(LocalOptions.defaults().withPort(0));
        api = new ApiClient(runner.baseUrl());
    }

    @AfterAll
    static void stop() {
        LocalFunctions.forgetLocalResource(Configuration.CONFIRM_AT_ONCE_UP_TO);
        LocalFunctions.forgetLocalResource(Configuration.ANALYSE_AT_ONCE_UP_TO_BYTES);
        if (runner != null) runner.close();
    }

    @Test
    void theConfirmWorkerRunsOnTheLocalBusAndRecordsWhyNothingWasRenewed() throws Exception {
        String importPath = anAnalysedImport("Email\npaula@fabrikam.example.com\n");
        // The premium customer has no licences yet: its manager is unlicensed, so renewable.
        String analysisId = api.get(importPath, manager()).json().path("analysisId").asText();
        ApiClient.Answer accepted = api.post(importPath + "/confirm", manager(), "{\"analysisId\":\"" + analysisId + "\"}");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        JsonNode done = await(importPath, manager(), "confirming");

        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("analysed");
        assertThat(done.path("confirmation").path("failure").path("needed").asInt()).isEqualTo(1);
        assertThat(done.path("confirmation").path("failure").path("free").asInt()).isZero();
    }

    @Test
    void theAnalysisWorkerRunsOnTheLocalBusAndRecordsTheNewAnalysis() throws Exception {
        String importPath = anAnalysedImport("Email,Backup\nnobody@fabrikam.example.com,paula@fabrikam.example.com\n");
        ApiClient.Answer accepted = api.post(importPath + "/analyse", manager(), "{\"emailColumn\":\"Backup\"}");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        JsonNode done = await(importPath, manager(), "analysing");

        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("analysed");
        assertThat(done.path("emailColumn").asText()).isEqualTo("Backup");
        assertThat(done.path("toRenew").path("count").asInt()).isEqualTo(1);
    }

    private static String manager() {
        return runner.authorizer().mint(runner.demo().orElseThrow().premiumCustomer().identity());
    }

    /** An import of the demo's premium customer, its file uploaded through the URL and analysed on S3's event. */
    private static String anAnalysedImport(String csv) throws Exception {
        String company = "/companies/" + runner.demo().orElseThrow().premiumCustomer().companyId();
        JsonNode started = api.post(company + "/renewal-imports", manager(), null).json();
        String importPath = company + "/renewal-imports/" + started.path("importId").asText();
        HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                started.path("uploadUrl").asText())).PUT(HttpRequest.BodyPublishers.ofString(csv)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        JsonNode analysed = await(importPath, manager(), "awaiting_upload");
        assertThat(analysed.path("status").asText()).as(analysed.toString()).isEqualTo("analysed");
        return importPath;
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

package com.partnerchannel.licensing.local;

import com.fasterxml.jackson.databind.JsonNode;
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

/** The renewal import on the runner: the upload URL takes a plain PUT, and S3's notification reaches the analysis. */
class LocalRunnerUploadIT {
    static LocalRunner runner;
    static ApiClient api;

    @BeforeAll
    static void start() {
        runner = LocalRunner.start(LocalOptions.defaults().withPort(0));
        api = new ApiClient(runner.baseUrl());
    }

    @AfterAll
    static void stop() {
        if (runner != null) runner.close();
    }

    @Test
    void aFilePutToTheUploadUrlIsAnalysedAsS3WouldHaveItAnalysed() throws Exception {
        DemoTree demo = runner.demo().orElseThrow();
        String manager = runner.authorizer().mint(demo.premiumCustomer().identity());
        String company = "/companies/" + demo.premiumCustomer().companyId();
        JsonNode started = api.post(company + "/renewal-imports", manager, null).json();
        String uploadUrl = started.path("uploadUrl").asText();
        assertThat(URI.create(uploadUrl).getPort()).isEqualTo(URI.create(runner.s3Endpoint()).getPort());

        HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(uploadUrl))
                .PUT(HttpRequest.BodyPublishers.ofString("Email\nnobody@example.test\nnot-an-email\n")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

        JsonNode analysed = null;
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            analysed = api.get(company + "/renewal-imports/" + started.path("importId").asText(), manager).json();
            if (!analysed.path("status").asText().equals("awaiting_upload")) break;
            Thread.sleep(200);
        }
        assertThat(analysed.path("status").asText()).isEqualTo("analysed");
        assertThat(analysed.path("notRenewed").path("byReason").path("unknown_email").asInt()).isEqualTo(1);
        assertThat(analysed.path("notRenewed").path("byReason").path("not_an_email").asInt()).isEqualTo(1);
    }
}

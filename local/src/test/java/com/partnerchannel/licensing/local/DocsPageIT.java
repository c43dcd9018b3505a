package com.partnerchannel.licensing.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.partnerchannel.licensing.testing.TemplateTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The runner serves its contract and a Swagger UI page on it, every file from itself (no browser here: see DocsPageBrowserIT). */
class DocsPageIT {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern REFERENCE = Pattern.compile("(?:src|href)=\"([^\"]*)\"");
    static LocalRunner runner;
    static ApiClient api;

    @BeforeAll
    static void start() {
        runner = LocalRunner.start(LocalOptions.defaults().withPort(0).withoutSeed());
        api = new ApiClient(runner.baseUrl());
    }

    @AfterAll
    static void stop() {
        if (runner != null) runner.close();
    }

    @Test
    void theContractIsTheRepositorysDocumentWithThisRunnerAsItsFirstServer() throws IOException {
        ApiClient.Answer answer = api.get("/openapi.yaml", null);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).isEqualTo("application/yaml; charset=utf-8");
        JsonNode served = YAML.readTree(answer.body());
        JsonNode servers = served.path("servers");
        assertThat(servers.path(0).path("url").asText()).isEqualTo(runner.baseUrl());
        assertThat(servers.path(0).path("description").asText()).contains("local runner");
        assertThat(servers.path(1).path("url").asText()).startsWith("https://{apiId}.execute-api");
        assertThat(servers).hasSize(2);

        JsonNode written = YAML.readTree(openApiPath().toFile());
        ((ObjectNode) served).remove("servers");
        ((ObjectNode) written).remove("servers");
        assertThat(served).isEqualTo(written);
        assertThat(answer.body()).as("comments and layout kept").contains("\n  /companies:\n");
    }

    @Test
    void theContractNamesTheAddressTheCallerUsedSoThatThePageCallsStaySameOrigin() throws IOException {
        String loopback = "http://127.0.0.1:" + runner.port();

        JsonNode served = YAML.readTree(new ApiClient(loopback).get("/openapi.yaml", null).body());

        assertThat(served.path("servers").path(0).path("url").asText()).isEqualTo(loopback);
    }

    @Test
    void theDocsPageLoadsOnlyItsOwnFilesAndTheContract() {
        ApiClient.Answer page = api.get("/docs", null);

        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(page.header("Content-Security-Policy")).startsWith("default-src 'self'; script-src 'self';");
        List<String> references = references(page.body());
        assertThat(references).contains("/docs/swagger-ui-bundle.js", "/docs/swagger-ui.css", "/docs/swagger-initializer.js");
        for (String reference : references) {
            assertThat(reference).as("a same-origin path or an inline icon").matches("/[^/].*|data:,");
        }
        String initializer = api.get("/docs/swagger-initializer.js", null).body();
        assertThat(initializer).contains("url: \"/openapi.yaml\"").contains("validatorUrl: null").doesNotContain("http");
    }

    @Test
    void swaggerUisFilesAnswerWithTheirContentTypes() {
        for (String reference : references(api.get("/docs", null).body())) {
            if (reference.startsWith("data:")) continue;
            ApiClient.Answer asset = api.get(reference, null);

            assertThat(asset.status()).as(reference).isEqualTo(200);
            assertThat(asset.header("Content-Type")).as(reference)
                    .isEqualTo(reference.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8");
        }
        assertThat(api.get("/docs/swagger-ui-bundle.js", null).body()).contains("SwaggerUIBundle");
        assertThat(api.get("/docs/swagger-ui.css", null).body()).contains(".swagger-ui");
    }

    @Test
    void anotherMethodIsNotAllowedAndAnUnknownFileNotFound() {
        ApiClient.Answer postDocs = api.post("/docs", null, "{}");
        ApiClient.Answer deleteContract = api.send("DELETE", "/openapi.yaml", null);
        ApiClient.Answer unknown = api.get("/docs/swagger-ui.js.map", null);

        assertThat(postDocs.status()).isEqualTo(405);
        assertThat(postDocs.header("Allow")).isEqualTo("GET");
        assertThat(postDocs.json().path("type").asText()).isEqualTo(LocalRunnerIT.PROBLEMS + "method-not-allowed");
        assertThat(deleteContract.status()).isEqualTo(405);
        assertThat(deleteContract.header("Allow")).isEqualTo("GET");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("type").asText()).isEqualTo(LocalRunnerIT.PROBLEMS + "not-found");
    }

    @Test
    void theBannerSaysWhereTheReferencePageAndTheContractAre() {
        String banner = Banner.text(runner, LocalOptions.defaults().withPort(0).withoutSeed());

        assertThat(banner).contains(runner.baseUrl() + "/docs").contains("GET /openapi.yaml");
    }

    private static List<String> references(String html) {
        List<String> references = new ArrayList<>();
        Matcher matcher = REFERENCE.matcher(html);
        while (matcher.find()) references.add(matcher.group(1));
        return references;
    }

    static Path openApiPath() {
        return TemplateTable.templatePath().getParent().resolve("docs").resolve("openapi.yaml");
    }
}

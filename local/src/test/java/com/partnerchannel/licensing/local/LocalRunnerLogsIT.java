package com.partnerchannel.licensing.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar licensing-local.jar} as a user runs it: after the banner, its console shows the functions'
 * JSON log lines, one object per line, each request's with its request id (the {@code Apigw-Requestid} the
 * caller got), its company and its DynamoDB cost, as the deployed functions write them to CloudWatch; and the
 * functions its events reach (the stream's publisher, the bus's notifier) each with a request id of its own,
 * the event's type and id, and its DynamoDB cost, as Lambda invokes them.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LocalRunnerLogsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ADDRESS = Pattern.compile("at (http://localhost:\\d+)");

    @TempDir
    Path dir;

    @Test
    void aRequestThroughTheRunnerWritesJsonLinesWithItsRequestIdAndCompanyToTheConsole() throws Exception {
        Process runner = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), LocalMain.class.getName(),
                "--port", "0", "--no-seed", "--data-dir", dir.resolve("data").toString())
                .redirectError(dir.resolve("stderr").toFile()).start();
        List<String> console = new CopyOnWriteArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(runner.getInputStream(), StandardCharsets.UTF_8));
            String baseUrl = null;
            for (String line = out.readLine(); line != null && !line.equals("Ctrl-C stops it."); line = out.readLine()) {
                Matcher address = ADDRESS.matcher(line);
                if (baseUrl == null && address.find()) baseUrl = address.group(1);
            }
            assertThat(baseUrl).as("the banner names the address").isNotNull();
            Thread reader = new Thread(() -> {
                try {
                    for (String line = out.readLine(); line != null; line = out.readLine()) console.add(line);
                } catch (IOException ignored) {
                    // the runner stopped
                }
            });
            reader.setDaemon(true);
            reader.start();

            ApiClient api = new ApiClient(baseUrl);
            String admin = api.token("platform-admin", "PLATFORM", "platform_admin");
            ApiClient.Answer created = api.post("/companies", admin, "{\"name\":\"Logged Partner\",\"kind\":\"partner\","
                    + "\"managers\":[{\"email\":\"orla.lindqvist@logged.example\",\"name\":\"Orla Lindqvist\"}]}");
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String companyId = created.json().path("companyId").asText();
            String managerId = created.json().path("managers").path(0).path("userId").asText();
            ApiClient.Answer got = api.get("/companies/" + companyId, api.token(managerId, companyId, "manager"));
            assertThat(got.status()).as(got.toString()).isEqualTo(200);

            JsonNode post = closingLine(console, created.header("Apigw-Requestid"));
            assertThat(post.path("routeKey").asText()).isEqualTo("POST /companies");
            assertThat(post.path("companyId").asText()).isEqualTo("PLATFORM");
            assertThat(post.path("actor").asText()).isEqualTo("platform-admin");
            assertThat(post.path("status").asInt()).isEqualTo(201);
            assertThat(post.path("function").asText()).isEqualTo("CompaniesFunction");
            // What it cost in DynamoDB, as DynamoDB Local reported it: the company, its manager and its event
            // written in one transaction (its keys first looked for).
            assertThat(post.path("ddbRequests").asLong()).isPositive();
            assertThat(post.path("ddbWriteUnits").asDouble()).isPositive();
            JsonNode get = closingLine(console, got.header("Apigw-Requestid"));
            assertThat(get.path("routeKey").asText()).isEqualTo("GET /companies/{companyId}");
            assertThat(get.path("companyId").asText()).isEqualTo(companyId);
            assertThat(get.path("actor").asText()).isEqualTo(managerId);
            assertThat(get.path("status").asInt()).isEqualTo(200);
            assertThat(get.path("latencyMs").isIntegralNumber()).isTrue();
            assertThat(get.path("ddbRequests").asLong()).as("a partner's company item, read once").isEqualTo(1);
            assertThat(get.path("ddbReadUnits").asDouble()).isPositive();
            assertThat(get.path("ddbWriteUnits").asDouble()).isZero();

            // The customer's initial order is assigned at once: its OrderAssigned goes from the table's stream
            // to the publisher, then over the bus to the notifier; each invocation logs as Lambda's would.
            String partnerToken = api.token(managerId, companyId, "manager");
            ApiClient.Answer customer = api.post("/companies", partnerToken, "{\"name\":\"Logged Customer\",\"kind\":\"customer\","
                    + "\"managers\":[{\"email\":\"kasimir.oyelaran@customer.example\",\"name\":\"Kasimir Oyelaran\"}],"
                    + "\"initialOrder\":{\"quantity\":3,\"purchaseOrderRef\":\"PO-LOGS\"}}");
            assertThat(customer.status()).as(customer.toString()).isEqualTo(201);
            String customerId = customer.json().path("companyId").asText();
            JsonNode notified = line(console, json -> "NotifierFunction".equals(json.path("function").asText())
                    && "OrderAssigned".equals(json.path("eventType").asText()) && json.has("outcome"));
            assertThat(notified.path("companyId").asText()).isEqualTo(customerId);
            assertThat(notified.path("outcome").asText()).isEqualTo("ok");
            assertThat(notified.path("sent").asInt()).isEqualTo(1);
            String eventId = notified.path("eventId").asText();
            JsonNode published = line(console, json -> "EventPublisherFunction".equals(json.path("function").asText())
                    && json.path("eventIds").toString().contains("\"" + eventId + "\""));
            assertThat(published.path("eventType").asText()).isEqualTo("DynamoDB stream batch");
            // Each event's line has its DynamoDB cost: the notifier reads the company and claims the notice,
            // the publisher records the events it published.
            assertThat(notified.path("ddbRequests").asLong()).isPositive();
            assertThat(notified.path("ddbReadUnits").asDouble()).isPositive();
            assertThat(published.path("ddbRequests").asLong()).isPositive();
            assertThat(published.path("ddbWriteUnits").asDouble()).isPositive();
            assertThat(List.of(notified.path("requestId").asText(), published.path("requestId").asText()))
                    .as("each invocation has a request id of its own, none the API request's").doesNotContain("")
                    .doesNotHaveDuplicates().doesNotContain(customer.header("Apigw-Requestid"));

            assertThat(console.stream().filter(line -> !line.isBlank()))
                    .as("every line after the banner is one JSON object").allSatisfy(line ->
                    assertThat(JSON.readTree(line).isObject()).as(line).isTrue());
            assertThat(String.join("\n", console)).doesNotContain("orla.lindqvist").doesNotContain("Lindqvist")
                    .doesNotContain("kasimir.oyelaran").doesNotContain("Oyelaran");
        } finally {
            runner.destroy();
            runner.waitFor();
        }
    }

    /** The line that closes the request with this id, once the runner has written it. */
    private static JsonNode closingLine(List<String> console, String requestId) throws Exception {
        assertThat(requestId).as("the Apigw-Requestid header").isNotBlank();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            Optional<JsonNode> line = parsed(console).stream()
                    .filter(json -> requestId.equals(json.path("requestId").asText()) && json.has("status")
                            && json.has("routeKey"))
                    .findFirst();
            if (line.isPresent()) {
                assertThat(line.get().path("apiRequestId").asText()).isEqualTo(requestId);
                return line.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no closing line for request " + requestId + " in:\n" + String.join("\n", console));
    }

    /** The first line that matches, once the runner has written it. */
    private static JsonNode line(List<String> console, Predicate<JsonNode> wanted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            Optional<JsonNode> line = parsed(console).stream().filter(wanted).findFirst();
            if (line.isPresent()) return line.get();
            Thread.sleep(50);
        }
        throw new AssertionError("no such line in:\n" + String.join("\n", console));
    }

    private static List<JsonNode> parsed(List<String> console) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : console) {
            try {
                lines.add(JSON.readTree(line));
            } catch (IOException notJson) {
                // asserted separately
            }
        }
        return lines;
    }
}

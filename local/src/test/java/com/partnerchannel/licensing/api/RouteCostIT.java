package com.partnerchannel.licensing.api;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerchannel.licensing.aws.AwsCalls;
import com.partnerchannel.licensing.config.EventPublishing;
import com.partnerchannel.licensing.config.Expiries;
import com.partnerchannel.licensing.config.Notifications;
import com.partnerchannel.licensing.config.Renewals;
import com.partnerchannel.licensing.dynamodb.ConsumedCapacityCounter;
import com.partnerchannel.licensing.functions.expiry.ExpirySweepHandler;
import com.partnerchannel.licensing.functions.notifier.EmailFeedbackHandler;
import com.partnerchannel.licensing.functions.notifier.NotifierHandler;
import com.partnerchannel.licensing.functions.publisher.EventPublisherHandler;
import com.partnerchannel.licensing.functions.publisher.OutboxRedriveHandler;
import com.partnerchannel.licensing.functions.publisher.OutboxWatchHandler;
import com.partnerchannel.licensing.functions.renewal.RenewalImportAnalysisHandler;
import com.partnerchannel.licensing.functions.renewal.RenewalImportConfirmHandler;
import com.partnerchannel.licensing.functions.renewal.RenewalImportReanalysisHandler;
import com.partnerchannel.licensing.local.LocalDynamoDbServer;
import com.partnerchannel.licensing.local.StreamRecords;
import com.partnerchannel.licensing.observability.Invocation;
import com.partnerchannel.licensing.renewal.model.RenewalImportAnalysisRequested;
import com.partnerchannel.licensing.renewal.model.RenewalImportConfirmRequested;
import com.partnerchannel.licensing.s3.S3Uploads;
import com.partnerchannel.licensing.testing.BusEvents;
import com.partnerchannel.licensing.testing.CapturedLogs;
import com.partnerchannel.licensing.testing.InProcessApi;
import com.partnerchannel.licensing.testing.LocalS3;
import com.partnerchannel.licensing.testing.Loopback;
import com.partnerchannel.licensing.testing.SamTemplate;
import com.partnerchannel.licensing.testing.SampleEvents;
import com.partnerchannel.licensing.testing.TemplateTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each route and event handler costs in DynamoDB, against a budget: one representative call of every
 * route of template.yaml and of every event a function takes, on DynamoDB Local reached over HTTP by a
 * client that carries the functions' {@link ConsumedCapacityCounter}, read off the call's own closing log
 * line ({@code ddbRequests}, {@code ddbReadUnits}, {@code ddbWriteUnits}) as production writes it. The
 * counts are deterministic: the same calls on the same data cost the same. A call over its budget, a
 * route without one, or a budget without a call fails the test. {@link #BUDGETS} is the table of
 * docs/benchmarks.md ("DynamoDB cost per route"), which also gives the data model's minimum for each.
 *
 * <p>DynamoDB Local prices a read of up to 4 KB at 1 unit strongly consistent and 0.5 eventually, a write
 * at 1 unit per KB plus 1 per index entry written, and an item written in a transaction at 2 (its index
 * entries at 1); it gives a transaction's condition checks no units, where DynamoDB charges them as reads, and a
 * BatchGetItem's keys that find no item none, where DynamoDB charges each as a GetItem (1 unit strongly consistent).
 */
class RouteCostIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The budget of each call: requests, read units, write units, as measured on the calls below (the
     * table of docs/benchmarks.md, "DynamoDB cost per route", says what each is made of and the minimum).
     */
    static final Map<String, Cost> BUDGETS = budgets(new Object[][]{
            {"POST /companies", 2, 0.5, 6.0},
            {"POST /companies/{companyId}/orders", 2, 0.5, 12.0},
            {"GET /orders/{orderId}", 2, 1.5, 0.0},
            {"POST /orders/{orderId}/assign", 7, 4.0, 22.0},
            {"GET /companies/{companyId}/orders", 2, 1.0, 0.0},
            {"GET /orders", 2, 1.0, 0.0},
            {"POST /orders/{orderId}/reject", 3, 1.5, 8.0},
            {"POST /orders/{orderId}/cancel", 3, 1.5, 8.0},
            {"POST /companies/{companyId}/learners", 4, 1.5, 6.0},
            {"GET /companies/{companyId}/learners", 2, 1.0, 0.0},
            // The counts from the company item's counters and the pools: no read of the learners (was 6, 2.0).
            {"GET /companies/{companyId}", 2, 1.5, 0.0},
            {"GET /companies/{companyId}/licences", 2, 1.5, 0.0},
            {"GET /companies", 2, 1.0, 0.0},
            {"POST /companies/{companyId}/learners/{learnerId}/archive", 3, 1.5, 10.0},
            {"POST /companies/{companyId}/learners/{learnerId}/restore", 4, 2.5, 10.0},
            {"DELETE /companies/{companyId}/learners/{learnerId}", 3, 1.5, 6.0},
            {"POST /companies/{companyId}/directory-tokens", 3, 0.5, 1.0},
            {"GET /companies/{companyId}/directory-tokens", 2, 1.5, 0.0},
            {"GET /scim/v2/ServiceProviderConfig", 2, 1.0, 1.0},
            {"GET /scim/v2/ResourceTypes", 1, 1.0, 0.0},
            {"GET /scim/v2/ResourceTypes/{resourceTypeId}", 1, 1.0, 0.0},
            {"GET /scim/v2/Schemas", 1, 1.0, 0.0},
            {"GET /scim/v2/Schemas/{schemaId}", 1, 1.0, 0.0},
            {"POST /scim/v2/Users", 4, 2.5, 6.0},
            {"GET /scim/v2/Users", 4, 3.5, 0.0},
            {"GET /scim/v2/Users/{userId}", 3, 2.5, 0.0},
            {"PUT /scim/v2/Users/{userId}", 3, 2.5, 0.0},
            {"PATCH /scim/v2/Users/{userId}", 4, 2.5, 10.0},
            {"DELETE /scim/v2/Users/{userId}", 4, 2.5, 6.0},
            // The delete is a one-item transaction (2 write units), so that the SDK's retry of a lost answer is done.
            {"DELETE /companies/{companyId}/directory-tokens/{tokenId}", 2, 0.5, 2.0},
            {"stream: OrderAssigned", 1, 0.0, 2.0},
            {"OrderRequested", 4, 0.5, 2.0},
            {"OrderAssigned", 4, 0.5, 2.0},
            // 1 + 1 + 2M for M recipients: their bounces in one BatchGetItem (1 + 3M, 7, with a GetItem each).
            {"OrderAssigned, two managers", 6, 0.5, 4.0},
            {"Email Bounced", 1, 0.0, 1.0},
            {"Outbox redrive", 16, 0.0, 0.0},
            {"Outbox watch", 16, 0.5, 0.0},
            {"Scheduled Event", 196, 2.0, 7.0},
            {"LicencesExpiring", 4, 0.5, 2.0},
            {"LicencesExpired", 4, 0.5, 2.0},
            {"POST /companies/{companyId}/allocations", 7, 2.5, 20.0},
            {"POST /companies/{companyId}/renewal-imports", 2, 0.5, 2.0},
            {"S3 ObjectCreated", 4, 2.5, 2.0},
            {"GET /companies/{companyId}/renewal-imports/{importId}", 2, 1.5, 0.0},
            {"GET /companies/{companyId}/renewal-imports/{importId}/rows", 2, 1.5, 0.0},
            {"POST /companies/{companyId}/renewal-imports/{importId}/analyse", 4, 2.5, 2.0},
            {"POST /companies/{companyId}/renewal-imports/{importId}/confirm", 10, 4.5, 24.0},
            {"RenewalImportAnalysisRequested", 4, 2.5, 2.0},
            {"RenewalImportConfirmRequested", 9, 6.5, 22.0}
    });

    private static final String TABLE = "licensing-cost";
    private static final String BUCKET = "renewal-uploads";
    private static final LocalDynamoDbServer DYNAMODB = LocalDynamoDbServer.start(Optional.empty());
    private static final LocalS3 S3 = LocalS3.start().withBucket(BUCKET);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Confirms of more than 2 learners go to the confirm worker, re-analyses of files over 100 bytes to the analysis worker. */
    private static final Renewals.Limits LIMITS = new Renewals.Limits(2, 100);

    record Cost(long requests, double readUnits, double writeUnits) {
        boolean within(Cost budget) {
            return requests <= budget.requests && readUnits <= budget.readUnits && writeUnits <= budget.writeUnits;
        }

        @Override
        public String toString() {
            return requests + " requests, " + readUnits + " RRU, " + writeUnits + " WRU";
        }
    }

    private final DynamoDbClient dynamo = DynamoDbClient.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .endpointOverride(DYNAMODB.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .overrideConfiguration(c -> c.addExecutionInterceptor(new ConsumedCapacityCounter())
                    .addExecutionInterceptor(new Operations()))
            .build();
    private final S3Client s3 = S3.client();
    private Renewals renewals;
    private final Tenants tenants;
    private final Loopback bus = new Loopback(request -> new Loopback.Answer(200, accepted(request)));
    private final Loopback ses = new Loopback(request -> new Loopback.Answer(200, "{\"MessageId\":\"m-" + System.nanoTime() + "\"}"));
    private final Map<String, Cost> measured = new LinkedHashMap<>();
    /** The calls made while a call is measured, by operation (a query by its index): for the table in the docs. */
    private final Map<String, String> madeBy = new LinkedHashMap<>();
    private final List<String> operations = java.util.Collections.synchronizedList(new ArrayList<>());

    /** Names each DynamoDB call as it starts: {@code Query GSI3}, {@code GetItem}. */
    private final class Operations implements software.amazon.awssdk.core.interceptor.ExecutionInterceptor {
        @Override
        public void beforeExecution(software.amazon.awssdk.core.interceptor.Context.BeforeExecution context,
                                    software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
            String name = attributes.getAttribute(software.amazon.awssdk.core.interceptor.SdkExecutionAttribute.OPERATION_NAME);
            if (context.request() instanceof software.amazon.awssdk.services.dynamodb.model.QueryRequest query) {
                name += " " + (query.indexName() == null ? "table" : query.indexName());
            }
            operations.add(name);
        }
    }

    RouteCostIT() {
        DYNAMODB.ensureTable(SamTemplate.load().json(), TABLE);
        tenants = new Tenants(dynamo, TABLE, licensing -> {
            renewals = new Renewals(licensing, S3Uploads.local(S3.endpoint(), S3.credentials(), BUCKET), LIMITS);
            return new Object[]{renewals};
        });
    }

    @AfterAll
    static void stop() {
        S3.close();
        DYNAMODB.close();
    }

    @Test
    void everyRouteAndEventCostsNoMoreThanItsBudget() throws Exception {
        try (CapturedLogs logs = CapturedLogs.start()) {
            walkThroughEveryRouteAndEvent(logs);
        } finally {
            bus.close();
            ses.close();
            printTable();
        }

        TreeSet<String> expected = new TreeSet<>();
        SamTemplate.load().functions().forEach(function -> function.routes().forEach(route -> expected.add(route.key())));
        expected.addAll(EVENTS);
        assertThat(measured.keySet()).as("every route of template.yaml and every event, measured")
                .containsAll(expected);
        assertThat(BUDGETS.keySet()).as("a budget for each call measured, and no other").containsExactlyInAnyOrderElementsOf(measured.keySet());
        assertThat(overBudget(BUDGETS)).as("calls over their budget").isEmpty();

        // The check bites: the same figures against one budget a request lower fail it.
        Map<String, Cost> lowered = new LinkedHashMap<>(BUDGETS);
        Cost order = BUDGETS.get("GET /orders/{orderId}");
        lowered.put("GET /orders/{orderId}", new Cost(order.requests - 1, order.readUnits, order.writeUnits));
        List<String> overLowered = overBudget(lowered);
        System.out.println("With GET /orders/{orderId}'s budget a request lower: " + overLowered);
        assertThat(overLowered).singleElement().asString().startsWith("GET /orders/{orderId}: " + measured.get("GET /orders/{orderId}"));
    }

    private List<String> overBudget(Map<String, Cost> budgets) {
        List<String> over = new ArrayList<>();
        measured.forEach((call, cost) -> {
            if (!cost.within(budgets.get(call))) over.add(call + ": " + cost + ", budget " + budgets.get(call));
        });
        return over;
    }

    /** What was measured, and each call's budget, as a Markdown table (in the test's output file). */
    private void printTable() {
        StringBuilder table = new StringBuilder("| call | requests | read units | write units | budget | calls |\n|---|---:|---:|---:|---|---|\n");
        measured.forEach((call, cost) -> table.append("| `").append(call).append("` | ").append(cost.requests)
                .append(" | ").append(units(cost.readUnits)).append(" | ").append(units(cost.writeUnits)).append(" | ")
                .append(BUDGETS.containsKey(call) ? BUDGETS.get(call) : "none").append(" | ").append(madeBy.get(call))
                .append(" |\n"));
        System.out.println(table);
    }

    /** The events functions take, by the name this test measures them under. */
    private static final List<String> EVENTS = List.of(
            "stream: OrderAssigned", "OrderRequested", "OrderAssigned", "LicencesExpiring", "LicencesExpired",
            "Email Bounced", "Scheduled Event", "Outbox redrive", "Outbox watch", "S3 ObjectCreated",
            RenewalImportAnalysisRequested.TYPE, RenewalImportConfirmRequested.TYPE);

    private void walkThroughEveryRouteAndEvent(CapturedLogs logs) throws Exception {
        InProcessApi api = tenants.api;
        Tenants.Tenant distributor = tenants.aDistributor();
        Tenants.Tenant customer = measure(logs, "POST /companies", () -> tenants.aCustomerUnder(distributor));
        String company = "/companies/" + customer.companyId();

        String orderId = measure(logs, "POST /companies/{companyId}/orders", () -> tenants.anOrderFor(customer, 10));
        ok(measure(logs, "GET /orders/{orderId}", () -> api.get(customer.manager(), "/orders/" + orderId)));
        ok(measure(logs, "POST /orders/{orderId}/assign", () -> api.post(distributor.manager(), "/orders/" + orderId + "/assign", null)));
        ok(measure(logs, "GET /companies/{companyId}/orders", () -> api.get(customer.manager(), company + "/orders")));
        ok(measure(logs, "GET /orders", () -> api.get(distributor.manager(), "/orders")));
        String rejected = tenants.anOrderFor(customer, 5);
        ok(measure(logs, "POST /orders/{orderId}/reject", () -> api.post(distributor.manager(), "/orders/" + rejected + "/reject",
                Map.of("reason", "duplicate"))));
        String cancelled = tenants.anOrderFor(customer, 5);
        ok(measure(logs, "POST /orders/{orderId}/cancel", () -> api.post(customer.manager(), "/orders/" + cancelled + "/cancel", null)));

        JsonNode added = ok(measure(logs, "POST /companies/{companyId}/learners", () -> api.post(customer.manager(),
                company + "/learners", Map.of("learners", List.of(Map.of("email", "ann@acme.test"),
                        Map.of("email", "bob@acme.test"), Map.of("email", "cat@acme.test"), Map.of("email", "dan@acme.test"),
                        Map.of("email", "eve@acme.test"), Map.of("email", "fay@acme.test"))))));
        List<String> learners = new ArrayList<>();
        added.path("learners").forEach(learner -> learners.add(learner.path("learnerId").asText()));
        ok(measure(logs, "GET /companies/{companyId}/learners", () -> api.get(customer.manager(), company + "/learners")));
        ok(measure(logs, "GET /companies/{companyId}", () -> api.get(customer.manager(), company)));
        ok(measure(logs, "GET /companies/{companyId}/licences", () -> api.get(customer.manager(), company + "/licences")));
        ok(measure(logs, "GET /companies", () -> api.get(distributor.manager(), "/companies")));
        ok(measure(logs, "POST /companies/{companyId}/learners/{learnerId}/archive", () -> api.post(customer.manager(),
                company + "/learners/" + learners.get(2) + "/archive", null)));
        ok(measure(logs, "POST /companies/{companyId}/learners/{learnerId}/restore", () -> api.post(customer.manager(),
                company + "/learners/" + learners.get(2) + "/restore", null)));
        InProcessApi.Response deleted = measure(logs, "DELETE /companies/{companyId}/learners/{learnerId}",
                () -> api.call(customer.manager(), "DELETE", company + "/learners/" + learners.get(2), null, Map.of()));
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);

        JsonNode token = ok(measure(logs, "POST /companies/{companyId}/directory-tokens",
                () -> api.post(customer.manager(), company + "/directory-tokens", null)));
        ok(measure(logs, "GET /companies/{companyId}/directory-tokens", () -> api.get(customer.manager(), company + "/directory-tokens")));

        // An identity provider with that token: the SCIM service.
        Scim scim = new Scim(tenants, token.path("token").asText());
        Map<String, String> discovery = new LinkedHashMap<>();
        discovery.put("GET /scim/v2/ServiceProviderConfig", "/ServiceProviderConfig");
        discovery.put("GET /scim/v2/ResourceTypes", "/ResourceTypes");
        discovery.put("GET /scim/v2/ResourceTypes/{resourceTypeId}", "/ResourceTypes/User");
        discovery.put("GET /scim/v2/Schemas", "/Schemas");
        discovery.put("GET /scim/v2/Schemas/{schemaId}", "/Schemas/" + Scim.USER);
        discovery.forEach((route, path) -> ok(measure(logs, route, () -> scim.get(path))));
        JsonNode gus = measure(logs, "POST /scim/v2/Users", () -> scim.entraCreates("gus@acme.test", "Gus", "Grant", "e-gus"));
        String user = "/Users/" + gus.path("id").asText();
        ok(measure(logs, "GET /scim/v2/Users", () -> scim.get("/Users" + Scim.filter("userName eq \"gus@acme.test\""))));
        ok(measure(logs, "GET /scim/v2/Users/{userId}", () -> scim.get(user)));
        ok(measure(logs, "PUT /scim/v2/Users/{userId}", () -> scim.put(user, """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"%s","userName":"gus@acme.test",
                 "name":{"givenName":"Gus","familyName":"Grant"},"emails":[{"primary":true,"value":"gus@acme.test","type":"work"}],
                 "externalId":"e-gus","active":true}
                """.formatted(gus.path("id").asText()))));
        ok(measure(logs, "PATCH /scim/v2/Users/{userId}", () -> scim.patch(user,
                Scim.patchOp("[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}]"))));
        InProcessApi.Response gone = measure(logs, "DELETE /scim/v2/Users/{userId}", () -> scim.delete(user));
        assertThat(gone.status()).as(gone.toString()).isEqualTo(204);
        InProcessApi.Response revoked = measure(logs, "DELETE /companies/{companyId}/directory-tokens/{tokenId}",
                () -> api.call(customer.manager(), "DELETE", company + "/directory-tokens/" + token.path("tokenId").asText(), null, Map.of()));
        assertThat(revoked.status()).as(revoked.toString()).isIn(200, 204);

        // The stream's batch of one event, then the notifier's events of the order above.
        EventPublisherHandler publisher = new EventPublisherHandler(EventPublishing.publishing(eventBridge(), "licensing-cost-bus",
                dynamo, TABLE, tenants.clock));
        DynamodbEvent assigned = streamOfEvents("OrderAssigned");
        measure(logs, "stream: OrderAssigned", () -> publisher.handleRequest(assigned, null));
        NotifierHandler notifier = new NotifierHandler(Notifications.notifying(dynamo, TABLE, sesClient(),
                "licences@partnerchannel.example", "https://portal.partnerchannel.example", tenants.clock));
        for (String type : List.of("OrderRequested", "OrderAssigned")) {
            Map<String, Object> event = BusEvents.of(items(), type).get(0);
            measure(logs, type, () -> notifier.handleRequest(event, null));
        }
        EmailFeedbackHandler feedback = new EmailFeedbackHandler(Notifications.recordingUndeliverableAddresses(dynamo, TABLE));
        Map<String, Object> bounced = sampleEvent("email-feedback-bounced.json");
        measure(logs, "Email Bounced", () -> feedback.handleRequest(bounced, null));
        OutboxRedriveHandler redrive = new OutboxRedriveHandler(EventPublishing.redriving(eventBridge(), "licensing-cost-bus",
                dynamo, TABLE, tenants.clock));
        measure(logs, "Outbox redrive", () -> redrive.handleRequest(Map.of(), null));
        OutboxWatchHandler watch = new OutboxWatchHandler(EventPublishing.watching(dynamo, TABLE, tenants.clock));
        Map<String, Object> everyMinute = sampleEvent("outbox-watch-scheduled.json");
        measure(logs, "Outbox watch", () -> watch.handleRequest(everyMinute, null));

        // The nightly sweep two days before the pool expires (reminders), then after it expired.
        ExpirySweepHandler sweep = new ExpirySweepHandler(Expiries.sweeping(dynamo, TABLE, tenants.clock));
        Map<String, Object> nightly = sampleEvent("expiry-sweep-scheduled.json");
        Instant expiresAt = Instant.parse(ok(api.get(customer.manager(), company + "/licences")).findValue("expiresAt").asText());
        tenants.clock.set(expiresAt.minus(Duration.ofDays(2)));
        measure(logs, "Scheduled Event", () -> sweep.handleRequest(nightly, null));
        Map<String, Object> expiring = BusEvents.of(items(), "LicencesExpiring").get(0);
        measure(logs, "LicencesExpiring", () -> notifier.handleRequest(expiring, null));
        tenants.clock.advance(Duration.ofDays(3));
        sweep.handleRequest(nightly, null);
        Map<String, Object> expired = BusEvents.of(items(), "LicencesExpired").get(0);
        measure(logs, "LicencesExpired", () -> notifier.handleRequest(expired, null));

        // The learners have expired: a new order, and one of them renewed.
        String renewal = tenants.anOrderFor(customer, 10);
        ok(api.post(distributor.manager(), "/orders/" + renewal + "/assign", null));
        ok(measure(logs, "POST /companies/{companyId}/allocations", () -> api.post(customer.manager(), company + "/allocations",
                Map.of("learnerIds", List.of(learners.get(0))))));

        // A renewal import: started, uploaded, analysed by the worker S3 wakes, read, re-analysed, confirmed.
        JsonNode started = ok(measure(logs, "POST /companies/{companyId}/renewal-imports",
                () -> api.post(customer.manager(), company + "/renewal-imports", Map.of())));
        String importId = started.path("importId").asText();
        String imports = company + "/renewal-imports/" + importId;
        put(started.path("uploadUrl").asText(), "Email\nbob@acme.test\n");
        String key = "uploads/" + customer.companyId() + "/" + importId + ".csv";
        var head = s3.headObject(r -> r.bucket(BUCKET).key(key));
        var s3Event = SampleEvents.s3Upload(BUCKET, key, head.eTag().replace("\"", ""), head.contentLength());
        measure(logs, "S3 ObjectCreated", () -> new RenewalImportAnalysisHandler(renewals).handleRequest(s3Event, null));
        JsonNode analysed = ok(measure(logs, "GET /companies/{companyId}/renewal-imports/{importId}", () -> api.get(customer.manager(), imports)));
        ok(measure(logs, "GET /companies/{companyId}/renewal-imports/{importId}/rows",
                () -> api.get(customer.manager(), imports + "/rows?list=toRenew")));
        ok(measure(logs, "POST /companies/{companyId}/renewal-imports/{importId}/analyse",
                () -> api.post(customer.manager(), imports + "/analyse", Map.of("emailColumn", "Email"))));
        String analysisId = ok(api.get(customer.manager(), imports)).path("analysisId").asText();
        ok(measure(logs, "POST /companies/{companyId}/renewal-imports/{importId}/confirm",
                () -> api.post(customer.manager(), imports + "/confirm", Map.of("analysisId", analysisId, "exclude", List.of()))));
        assertThat(analysed.path("status").asText()).isEqualTo("analysed");

        // The same through the workers: a file over the re-analysis limit, three learners over the confirm limit.
        JsonNode large = ok(api.post(customer.manager(), company + "/renewal-imports", Map.of()));
        String largeId = large.path("importId").asText();
        String largeImport = company + "/renewal-imports/" + largeId;
        put(large.path("uploadUrl").asText(), "Email,Notes\ndan@acme.test," + "x".repeat(40) + "\neve@acme.test," + "y".repeat(40)
                + "\nfay@acme.test,\n");
        String largeKey = "uploads/" + customer.companyId() + "/" + largeId + ".csv";
        var largeHead = s3.headObject(r -> r.bucket(BUCKET).key(largeKey));
        new RenewalImportAnalysisHandler(renewals).handleRequest(SampleEvents.s3Upload(BUCKET, largeKey,
                largeHead.eTag().replace("\"", ""), largeHead.contentLength()), null);
        InProcessApi.Response reanalyse = api.post(customer.manager(), largeImport + "/analyse", Map.of("emailColumn", "Email"));
        assertThat(reanalyse.status()).as(reanalyse.toString()).isEqualTo(202);
        Map<String, Object> reanalysis = BusEvents.of(items(), RenewalImportAnalysisRequested.TYPE).get(0);
        measure(logs, RenewalImportAnalysisRequested.TYPE, () -> new RenewalImportReanalysisHandler(renewals).handleRequest(reanalysis, null));
        String largeAnalysis = ok(api.get(customer.manager(), largeImport)).path("analysisId").asText();
        InProcessApi.Response confirming = api.post(customer.manager(), largeImport + "/confirm",
                Map.of("analysisId", largeAnalysis, "exclude", List.of()));
        assertThat(confirming.status()).as(confirming.toString()).isEqualTo(202);
        Map<String, Object> confirm = BusEvents.of(items(), RenewalImportConfirmRequested.TYPE).get(0);
        measure(logs, RenewalImportConfirmRequested.TYPE, () -> new RenewalImportConfirmHandler(renewals).handleRequest(confirm, null));

        // A notice to two managers, last: a company and an order more would change what the calls above read.
        Tenants.Tenant twoManagers = tenants.create(distributor.manager(), Map.of("name", "Customer of two managers",
                "kind", "customer", "plan", "premium", "parentId", distributor.companyId(), "managers", List.of(
                        Map.of("email", "it@two-managers.test", "name", "IT"), Map.of("email", "cfo@two-managers.test", "name", "CFO"))));
        ok(api.post(distributor.manager(), "/orders/" + tenants.anOrderFor(twoManagers, 5) + "/assign", null));
        Map<String, Object> toTwo = BusEvents.of(items(), "OrderAssigned").stream()
                .filter(event -> twoManagers.companyId().equals(((Map<?, ?>) event.get("detail")).get("companyId")))
                .findFirst().orElseThrow();
        Map<String, Object> notifiedTwo = measure(logs, "OrderAssigned, two managers", () -> notifier.handleRequest(toTwo, null));
        assertThat(notifiedTwo).containsEntry("sent", List.of("it@two-managers.test", "cfo@two-managers.test"));
    }

    /**
     * Runs one call and records what its invocation's closing line says it cost (the first time a call is
     * measured: the same route again is the same cost on other data).
     */
    private <T> T measure(CapturedLogs logs, String call, Supplier<T> work) {
        logs.clear();
        operations.clear();
        T result = work.get();
        List<JsonNode> closing = logs.lines().stream().filter(line -> line.path("logger").asText().endsWith("Invocation")).toList();
        assertThat(closing).as(call + ": one invocation").hasSize(1);
        JsonNode line = closing.get(0);
        Map<String, Integer> byOperation = new java.util.TreeMap<>();
        synchronized (operations) {
            operations.forEach(operation -> byOperation.merge(operation, 1, Integer::sum));
        }
        StringBuilder made = new StringBuilder();
        byOperation.forEach((operation, n) -> made.append(made.length() == 0 ? "" : ", ").append(operation)
                .append(n > 1 ? " ×" + n : ""));
        madeBy.putIfAbsent(call, made.toString());
        measured.putIfAbsent(call, new Cost(line.path(Invocation.DDB_REQUESTS).asLong(),
                line.path(Invocation.DDB_READ_UNITS).asDouble(), line.path(Invocation.DDB_WRITE_UNITS).asDouble()));
        return result;
    }

    private static JsonNode ok(InProcessApi.Response response) {
        assertThat(response.status()).as(response.toString()).isBetween(200, 299);
        return response.json();
    }

    private List<Map<String, AttributeValue>> items() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamo.scanPaginator(ScanRequest.builder().tableName(TABLE).consistentRead(true).build())
                .forEach(page -> items.addAll(page.items()));
        return items;
    }

    /** The stream's records of the outbox events of this type, as one Lambda batch. */
    private DynamodbEvent streamOfEvents(String type) {
        DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder().endpointOverride(DYNAMODB.endpoint())
                .region(Region.US_EAST_1).httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build();
        String arn = dynamo.describeTable(r -> r.tableName(TABLE)).table().latestStreamArn();
        List<Record> records = new ArrayList<>();
        for (Shard shard : streams.describeStream(r -> r.streamArn(arn)).streamDescription().shards()) {
            String iterator = streams.getShardIterator(r -> r.streamArn(arn).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String current = iterator;
                var page = streams.getRecords(r -> r.shardIterator(current));
                page.records().stream().filter(record -> record.dynamodb().hasNewImage()
                        && record.dynamodb().newImage().get("SK").s().startsWith("EVENT#")
                        && type.equals(record.dynamodb().newImage().get("eventType").s())).forEach(records::add);
                if (page.records().isEmpty()) break;
                iterator = page.nextShardIterator();
            }
        }
        assertThat(records).as("the stream's " + type + " events").hasSize(1);
        return StreamRecords.event(records, arn);
    }

    private AwsCalls eventBridge() {
        return AwsCalls.builder(AwsCalls.Service.EVENTBRIDGE).endpoint(bus.uri()).region(Region.US_EAST_1)
                .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .retries(AwsRetryStrategy.forRetryMode(RetryMode.STANDARD)).build();
    }

    private AwsCalls sesClient() {
        return AwsCalls.builder(AwsCalls.Service.SES_V2).endpoint(ses.uri()).region(Region.US_EAST_1)
                .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sampleEvent(String file) throws Exception {
        Path events = TemplateTable.templatePath().getParent().resolve("events");
        return JSON.readValue(Files.readString(events.resolve(file)), Map.class);
    }

    private static void put(String url, String file) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "text/csv")
                .PUT(HttpRequest.BodyPublishers.ofString(file, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static String accepted(Loopback.Request request) {
        try {
            int entries = JSON.readTree(request.body()).path("Entries").size();
            StringBuilder answer = new StringBuilder("{\"FailedEntryCount\":0,\"Entries\":[");
            for (int i = 0; i < entries; i++) answer.append(i == 0 ? "" : ",").append("{\"EventId\":\"e-").append(i).append("\"}");
            return answer.append("]}").toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String units(double units) {
        return String.format(Locale.ROOT, "%.1f", units);
    }

    private static Map<String, Cost> budgets(Object[][] rows) {
        Map<String, Cost> budgets = new LinkedHashMap<>();
        for (Object[] row : rows) {
            budgets.put((String) row[0], new Cost(((Number) row[1]).longValue(), ((Number) row[2]).doubleValue(),
                    ((Number) row[3]).doubleValue()));
        }
        return budgets;
    }
}

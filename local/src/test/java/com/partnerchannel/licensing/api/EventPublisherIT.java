package com.partnerchannel.licensing.api;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerchannel.licensing.aws.AwsCalls;
import com.partnerchannel.licensing.config.EventPublishing;
import com.partnerchannel.licensing.functions.publisher.EventPublisherHandler;
import com.partnerchannel.licensing.local.StreamRecords;
import com.partnerchannel.licensing.testing.LocalDynamoDb;
import com.partnerchannel.licensing.testing.Loopback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The publisher fed the table's real stream records (from DynamoDB Local's stream), publishing through
 * the real EventBridge client to a loopback endpoint that records each PutEvents request.
 */
class EventPublisherIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Tenants tenants = new Tenants();
    private final Loopback bus = new Loopback(request -> new Loopback.Answer(200, accepted(request)));
    private final AwsCalls eventBridge = AwsCalls.builder(AwsCalls.Service.EVENTBRIDGE)
            .endpoint(bus.uri()).region(Region.US_EAST_1)
            .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .retries(AwsRetryStrategy.forRetryMode(RetryMode.STANDARD)).build();
    private final EventPublisherHandler handler = new EventPublisherHandler(
            EventPublishing.publishing(eventBridge, "licensing-test-bus", tenants.licensing.dynamo, tenants.table,
                    tenants.clock));

    @AfterEach
    void stop() {
        bus.close();
    }

    @Test
    void theOutboxEventsOfTheStreamGoToTheBusWithTheirTypeAndIdAndNothingElseDoes() throws Exception {
        Tenants.Tenant msp = tenants.anMspUnder(tenants.aDistributor());
        Tenants.Tenant customer = tenants.aCustomerUnder(msp);
        String orderId = tenants.anOrderFor(customer, 12);
        assertThat(tenants.api.post(msp.manager(), "/orders/" + orderId + "/assign", null).status()).isEqualTo(200);

        DynamodbEvent batch = streamOf(tenants.table);
        StreamsEventResponse response = handler.handleRequest(batch, null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        List<JsonNode> entries = new ArrayList<>();
        for (Loopback.Request request : bus.requests) {
            assertThat(request.header("X-Amz-Target")).isEqualTo("AWSEvents.PutEvents");
            JSON.readTree(request.body()).path("Entries").forEach(entries::add);
        }
        Set<String> outbox = LocalDynamoDb.snapshot(tenants.table).stream()
                .filter(item -> item.get("SK").s().startsWith("EVENT#")).map(item -> item.get("eventId").s())
                .collect(Collectors.toSet());
        assertThat(batch.getRecords().size()).as("the stream carries more than events").isGreaterThan(outbox.size());
        assertThat(entries).hasSize(outbox.size());
        assertThat(entries).allSatisfy(entry -> {
            assertThat(entry.path("Source").asText()).isEqualTo("partnerchannel.licensing");
            assertThat(entry.path("EventBusName").asText()).isEqualTo("licensing-test-bus");
        });
        assertThat(entries.stream().map(e -> e.path("DetailType").asText()).toList())
                .contains("OrderRequested", "OrderAssigned");
        Set<String> published = new java.util.HashSet<>();
        for (JsonNode entry : entries) {
            JsonNode detail = JSON.readTree(entry.path("Detail").asText());
            published.add(detail.path("eventId").asText());
            assertThat(detail.path("companyId").asText()).isEqualTo(customer.companyId());
            if (entry.path("DetailType").asText().equals("OrderAssigned")) {
                assertThat(detail.path("seats").asInt()).isEqualTo(12);
                assertThat(detail.path("orderId").asText()).isEqualTo(orderId);
            }
        }
        assertThat(published).isEqualTo(outbox);
    }

    @Test
    void anEventTheBusRefusesIsReportedSoLambdaRetriesFromThere() {
        Tenants.Tenant msp = tenants.anMspUnder(tenants.aDistributor());
        Tenants.Tenant customer = tenants.aCustomerUnder(msp);
        tenants.anOrderFor(customer, 1);
        tenants.anOrderFor(customer, 2);
        bus.answer = request -> new Loopback.Answer(200, "{\"FailedEntryCount\":1,\"Entries\":[{\"EventId\":\"e1\"},"
                + "{\"ErrorCode\":\"InternalFailure\",\"ErrorMessage\":\"try again\"}]}");

        DynamodbEvent batch = streamOf(tenants.table);
        StreamsEventResponse response = handler.handleRequest(batch, null);

        List<DynamodbEvent.DynamodbStreamRecord> events = batch.getRecords().stream()
                .filter(r -> r.getDynamodb().getNewImage().get("SK").getS().startsWith("EVENT#")).toList();
        assertThat(events).hasSize(2);
        assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(events.get(1).getDynamodb().getSequenceNumber());
    }

    /** Every record of the table's stream so far, as one Lambda batch. */
    static DynamodbEvent streamOf(String table) {
        DynamoDbStreamsClient streams = LocalDynamoDb.streams();
        String arn = LocalDynamoDb.client().describeTable(r -> r.tableName(table)).table().latestStreamArn();
        List<Record> records = new ArrayList<>();
        for (Shard shard : streams.describeStream(r -> r.streamArn(arn)).streamDescription().shards()) {
            String iterator = streams.getShardIterator(r -> r.streamArn(arn).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String current = iterator;
                var page = streams.getRecords(r -> r.shardIterator(current));
                records.addAll(page.records());
                if (page.records().isEmpty()) break;
                iterator = page.nextShardIterator();
            }
        }
        return StreamRecords.event(records, arn);
    }

    private static String accepted(Loopback.Request request) {
        try {
            int n = JSON.readTree(request.body()).path("Entries").size();
            StringBuilder entries = new StringBuilder();
            for (int i = 0; i < n; i++) entries.append(i == 0 ? "" : ",").append("{\"EventId\":\"e").append(i).append("\"}");
            return "{\"FailedEntryCount\":0,\"Entries\":[" + entries + "]}";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

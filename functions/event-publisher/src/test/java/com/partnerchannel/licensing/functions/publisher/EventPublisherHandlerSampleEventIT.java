package com.partnerchannel.licensing.functions.publisher;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerchannel.licensing.aws.AwsCalls;
import com.partnerchannel.licensing.config.EventPublishing;
import com.partnerchannel.licensing.config.Licensing;
import com.partnerchannel.licensing.ordering.model.Order;
import com.partnerchannel.licensing.testing.LocalDynamoDb;
import com.partnerchannel.licensing.testing.Loopback;
import com.partnerchannel.licensing.testing.MutableClock;
import com.partnerchannel.licensing.testing.SampleEvents;
import com.partnerchannel.licensing.testing.TemplateTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * events/event-publisher-stream.json, a DynamoDB Streams batch as Lambda delivers it, read the way the
 * Lambda runtime reads it and fed to the handler, which publishes through the real EventBridge client
 * to a loopback endpoint. The sample's outbox item is the one the assignment of the sample order
 * writes, and the bus event it becomes is the one events/notifier-order-assigned.json carries.
 */
class EventPublisherHandlerSampleEventIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EVENTS = TemplateTable.templatePath().getParent().resolve("events");
    private static final String BUS = "partner-licensing-licensing";

    /** Answers PutEvents: every entry accepted. */
    private final Loopback bus = new Loopback(request -> {
        int n;
        try {
            n = JSON.readTree(request.body()).path("Entries").size();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        StringBuilder ids = new StringBuilder();
        for (int i = 0; i < n; i++) ids.append(i == 0 ? "" : ",").append("{\"EventId\":\"e").append(i).append("\"}");
        return new Loopback.Answer(200, "{\"FailedEntryCount\":0,\"Entries\":[" + ids + "]}");
    });

    @AfterEach
    void stop() {
        bus.close();
    }

    @Test
    void theSampleStreamRecordPutsOneOrderAssignedEventOnTheBus() throws Exception {
        AwsCalls eventBridge = AwsCalls.builder(AwsCalls.Service.EVENTBRIDGE)
                .endpoint(bus.uri()).region(Region.EU_WEST_1)
                .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build();
        EventPublisherHandler handler = new EventPublisherHandler(EventPublishing.publishing(eventBridge, BUS,
                LocalDynamoDb.client(), LocalDynamoDb.freshTable(), MutableClock.at("2026-11-22T09:00:01Z")));

        StreamsEventResponse response = handler.handleRequest(sample(), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(bus.requests).hasSize(1);
        JsonNode entries = JSON.readTree(bus.requests.get(0).body()).path("Entries");
        assertThat(entries).hasSize(1);
        JsonNode entry = entries.get(0);
        assertThat(entry.path("Source").asText()).isEqualTo("partnerchannel.licensing");
        assertThat(entry.path("DetailType").asText()).isEqualTo("OrderAssigned");
        assertThat(entry.path("EventBusName").asText()).isEqualTo(BUS);
        JsonNode notifierSample = JSON.readTree(EVENTS.resolve("notifier-order-assigned.json").toFile());
        assertThat(JSON.readTree(entry.path("Detail").asText()))
                .as("the detail the notifier's sample event carries").isEqualTo(notifierSample.path("detail"));
        assertThat(notifierSample.path("detail-type").asText()).isEqualTo(entry.path("DetailType").asText());
        assertThat(notifierSample.path("source").asText()).isEqualTo(entry.path("Source").asText());
    }

    @Test
    void theSampleRecordsNewImageIsTheOutboxItemTheAssignmentOfTheSampleOrderWrites() {
        MutableClock clock = MutableClock.at("2026-11-22T09:00:00Z");
        Licensing licensing = new Licensing(LocalDynamoDb.client(), LocalDynamoDb.freshTable(), clock);
        Order assigned = SampleEvents.seedAssigned(licensing);
        Map<String, AttributeValue> written = LocalDynamoDb.snapshot(licensing.table).stream()
                .filter(item -> item.get("SK").s().startsWith("EVENT#")).findFirst().orElseThrow();

        DynamodbEvent.DynamodbStreamRecord record = sample().getRecords().get(0);
        Map<String, String> image = new TreeMap<>();
        record.getDynamodb().getNewImage().forEach((name, value) ->
                image.put(name, value.getS() != null ? "S:" + value.getS() : "N:" + value.getN()));
        // The ids the sample names in place of the ones this run generated.
        String eventId = written.get("eventId").s();
        String poolId = assigned.poolId().orElseThrow().value();
        Map<String, String> expected = new TreeMap<>();
        written.forEach((name, value) -> expected.put(name, value.s() != null
                ? "S:" + value.s().replace(eventId, "01JDEMOEVENT00000000000000").replace(poolId, "01JDEMOPOOL000000000000000")
                : "N:" + value.n()));

        assertThat(image).isEqualTo(expected);
        assertThat(record.getDynamodb().getKeys()).containsOnlyKeys("PK", "SK");
        assertThat(record.getEventName()).isEqualTo("INSERT");
        assertThat(record.getDynamodb().getStreamViewType()).isEqualTo("NEW_IMAGE");
    }

    private static DynamodbEvent sample() {
        try (InputStream in = Files.newInputStream(EVENTS.resolve("event-publisher-stream.json"))) {
            return LambdaEventSerializers.serializerFor(DynamodbEvent.class, EventPublisherHandlerSampleEventIT.class
                    .getClassLoader()).fromJson(in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A loopback EventBridge endpoint: records each PutEvents body and accepts every entry. */
}

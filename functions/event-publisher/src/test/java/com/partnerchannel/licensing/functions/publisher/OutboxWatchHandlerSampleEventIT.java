package com.partnerchannel.licensing.functions.publisher;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerchannel.licensing.config.EventPublishing;
import com.partnerchannel.licensing.config.Licensing;
import com.partnerchannel.licensing.dynamodb.DynamoOutbox;
import com.partnerchannel.licensing.outbox.Outbox;
import com.partnerchannel.licensing.testing.CapturedLogs;
import com.partnerchannel.licensing.testing.CapturedMetrics;
import com.partnerchannel.licensing.testing.LocalDynamoDb;
import com.partnerchannel.licensing.testing.MutableClock;
import com.partnerchannel.licensing.testing.SampleEvents;
import com.partnerchannel.licensing.testing.TemplateTable;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * events/outbox-watch-scheduled.json, the watch's schedule tick, fed to its handler over DynamoDB Local:
 * with the sample order's assignment event committed 20 minutes ago and never published, it writes the
 * metric the alarm reads (namespace Licensing, no dimension) at 1,200 seconds; once every event is
 * recorded published, at 0, still written, so the alarm sees the watch is alive.
 */
class OutboxWatchHandlerSampleEventIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EVENTS = TemplateTable.templatePath().getParent().resolve("events");

    private final MutableClock clock = MutableClock.at("2026-11-22T09:00:00Z");
    private final Licensing licensing = new Licensing(LocalDynamoDb.client(), LocalDynamoDb.freshTable(), clock);
    private final OutboxWatchHandler handler = new OutboxWatchHandler(
            EventPublishing.watching(licensing.dynamo, licensing.table, clock));

    @Test
    void theOldestUnpublishedEventsAgeIsWrittenAsTheAlarmsMetricAndZeroOnceAllArePublished() {
        SampleEvents.seedAssigned(licensing);
        clock.advance(Duration.ofMinutes(20));
        Map<String, Object> sample = sample();

        try (CapturedMetrics metrics = CapturedMetrics.start(); CapturedLogs logs = CapturedLogs.start()) {
            assertThat(handler.handleRequest(sample, null)).containsEntry("oldestUnpublishedAgeSeconds", 1200L);
            Outbox outbox = new DynamoOutbox(licensing.dynamo, licensing.table);
            outbox.unpublished(clock.instant()).forEachRemaining(page -> page.forEach(e -> outbox.published(e, clock.instant())));
            assertThat(handler.handleRequest(sample, null)).containsEntry("oldestUnpublishedAgeSeconds", 0L);

            List<CapturedMetrics.Line> lines = metrics.lines();
            assertThat(lines).hasSize(2).allSatisfy(line -> {
                assertThat(line.namespace()).isEqualTo("Licensing");
                assertThat(line.dimensions().toString()).as("the alarm's metric has no dimension").isEqualTo("[[]]");
                assertThat(line.units()).containsEntry("OldestUnpublishedOutboxAgeSeconds", "Seconds");
            });
            assertThat(lines).extracting(line -> line.values().get("OldestUnpublishedOutboxAgeSeconds"))
                    .containsExactly(1200.0, 0.0);
            JsonNode closing = logs.lines().stream().filter(line -> line.path("logger").asText().endsWith("Invocation"))
                    .findFirst().orElseThrow();
            assertThat(closing.path("eventType").asText()).isEqualTo("Scheduled Event");
            assertThat(closing.path("eventId").asText()).isEqualTo(sample.get("id"));
            assertThat(closing.path("oldestUnpublishedAgeSeconds").asLong()).isEqualTo(1200);
        }
    }

    private static Map<String, Object> sample() {
        try {
            return JSON.readValue(EVENTS.resolve("outbox-watch-scheduled.json").toFile(), new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package com.partnerchannel.licensing.functions.expiry;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerchannel.licensing.config.Expiries;
import com.partnerchannel.licensing.config.Licensing;
import com.partnerchannel.licensing.testing.CapturedMetrics;
import com.partnerchannel.licensing.testing.LocalDynamoDb;
import com.partnerchannel.licensing.testing.MutableClock;
import com.partnerchannel.licensing.testing.SampleEvents;
import com.partnerchannel.licensing.testing.TemplateTable;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * events/expiry-sweep-scheduled.json, the nightly schedule's event as Lambda delivers it, fed to the
 * handler at the moment the event names: the sample customer's pool expires within 72 hours, so the
 * run sends one reminder, and the same event delivered again sends nothing new.
 */
class ExpirySweepHandlerSampleEventIT {
    private static final Path SAMPLE = TemplateTable.templatePath().getParent().resolve("events")
            .resolve("expiry-sweep-scheduled.json");

    @Test
    @SuppressWarnings("unchecked")
    void theScheduledEventRunsTheSweepWhichRemindsOfThePoolExpiringWithin72HoursOnce() throws Exception {
        ScheduledEvent scheduled;
        try (InputStream in = Files.newInputStream(SAMPLE)) {
            scheduled = LambdaEventSerializers.serializerFor(ScheduledEvent.class, getClass().getClassLoader()).fromJson(in);
        }
        assertThat(scheduled.getSource()).isEqualTo("aws.events");
        assertThat(scheduled.getDetailType()).isEqualTo("Scheduled Event");
        assertThat(scheduled.getResources()).singleElement().asString().startsWith("arn:aws:events:");
        // The handler takes the event as the runtime hands a Map over: plain JSON.
        Map<String, Object> event = new ObjectMapper().readValue(SAMPLE.toFile(), Map.class);
        Instant night = Instant.parse((String) event.get("time"));

        // The sample order assigned on 22 November 2026 at 09:00: its pool expires 2027-11-22T09:00Z.
        MutableClock clock = MutableClock.at("2026-11-22T09:00:00Z");
        Licensing licensing = new Licensing(LocalDynamoDb.client(), LocalDynamoDb.freshTable(), clock);
        SampleEvents.seedAssigned(licensing);
        clock.set(night);
        ExpirySweepHandler handler = new ExpirySweepHandler(Expiries.sweeping(licensing.dynamo, licensing.table, clock));

        Map<String, Object> first;
        Map<String, Object> again;
        List<CapturedMetrics.Line> metrics;
        try (CapturedMetrics captured = CapturedMetrics.start()) {
            first = handler.handleRequest(event, null);
            again = handler.handleRequest(event, null);
            metrics = captured.lines();
        }

        assertThat(first).containsEntry("at", "2027-11-20T02:15:00Z").containsEntry("entriesRead", 1)
                .containsEntry("reminders", 1).containsEntry("expiryNotices", 0).containsEntry("recordedExpired", 0)
                .containsEntry("alreadyRecorded", 0).containsEntry("failures", List.of());
        assertThat(again).containsEntry("entriesRead", 1).containsEntry("reminders", 0)
                .containsEntry("alreadyRecorded", 1).containsEntry("failures", List.of());
        long reminderEvents = LocalDynamoDb.snapshot(licensing.table).stream()
                .filter(item -> item.get("SK").s().startsWith("EVENT#"))
                .filter(item -> item.get("eventType").s().equals("LicencesExpiring")).count();
        assertThat(reminderEvents).as("one LicencesExpiring event in the outbox").isEqualTo(1);
        // Each run that finished says so (the alarm on SweepCompleted fires when none came for 26 hours).
        assertThat(metrics).hasSize(2).allSatisfy(line -> {
            assertThat(line.namespace()).isEqualTo("Licensing");
            assertThat(line.values()).containsEntry("SweepCompleted", 1.0).containsEntry("SweepItems", 1.0)
                    .containsKey("SweepDuration");
        });
        assertThat(metrics.get(0).values()).containsEntry("NoticesSent", 1.0);
        assertThat(metrics.get(1).values()).doesNotContainKey("NoticesSent");
    }
}

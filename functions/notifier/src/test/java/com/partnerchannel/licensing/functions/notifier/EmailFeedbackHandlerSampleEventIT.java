package com.partnerchannel.licensing.functions.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerchannel.licensing.aws.AwsCalls;
import com.partnerchannel.licensing.config.Licensing;
import com.partnerchannel.licensing.config.Notifications;
import com.partnerchannel.licensing.testing.CapturedLogs;
import com.partnerchannel.licensing.testing.LocalDynamoDb;
import com.partnerchannel.licensing.testing.Loopback;
import com.partnerchannel.licensing.testing.MutableClock;
import com.partnerchannel.licensing.testing.TemplateTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * events/email-feedback-bounced.json, SES's permanent bounce of the sample customer's manager as the
 * licensing bus's rule delivers it, fed to its handler around DynamoDB Local: afterwards the notifier
 * sends that manager nothing (the real SES v2 client, against a loopback endpoint, is never called),
 * where before the bounce it sent the same event's email.
 */
class EmailFeedbackHandlerSampleEventIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EVENTS = TemplateTable.templatePath().getParent().resolve("events");
    private static final String MANAGER = "it@sample-customer.test";

    private final Loopback ses = new Loopback(request -> new Loopback.Answer(200, "{\"MessageId\":\"m-1\"}"));

    @AfterEach
    void stop() {
        ses.close();
    }

    @Test
    void aManagerWhoseAddressHardBouncedIsSentNothingMore() throws Exception {
        MutableClock clock = MutableClock.at("2026-11-22T09:00:06Z");
        Licensing licensing = new Licensing(LocalDynamoDb.client(), LocalDynamoDb.freshTable(), clock);
        NotifierHandlerSampleEventIT.seedSampleTree(licensing, Instant.parse("2026-11-01T10:00:00Z"));
        EmailFeedbackHandler feedback = new EmailFeedbackHandler(
                Notifications.recordingUndeliverableAddresses(licensing.dynamo, licensing.table));
        NotifierHandler notifier = new NotifierHandler(Notifications.notifying(licensing.dynamo, licensing.table, sesClient(),
                "licences@partnerchannel.example", "https://portal.partnerchannel.example", clock));

        Map<String, Object> recorded;
        Map<String, Object> redelivered;
        Map<String, Object> notified;
        List<JsonNode> lines;
        try (CapturedLogs logs = CapturedLogs.start()) {
            recorded = feedback.handleRequest(read("email-feedback-bounced.json"), null);
            redelivered = feedback.handleRequest(read("email-feedback-bounced.json"), null);
            notified = notifier.handleRequest(read("notifier-order-assigned.json"), null);
            lines = logs.lines();
            assertThat(logs.text()).as("no line names the address").noneMatch(line -> line.contains(MANAGER));
        }

        assertThat(recorded).containsEntry("feedback", "Email Bounced").containsEntry("hardBounces", 1L)
                .containsEntry("complaints", 0L);
        assertThat(redelivered).isEqualTo(recorded);
        assertThat(notified).containsEntry("sent", List.of()).containsEntry("undeliverable", List.of(MANAGER));
        assertThat(ses.requests).as("no SendEmail to an address that hard-bounced").isEmpty();
        // Each delivery closes with one line: the event's type and EventBridge's id for it, how it ended, counts.
        Object eventBridgeId = read("email-feedback-bounced.json").get("id");
        List<JsonNode> feedbackLines = lines.stream()
                .filter(line -> "Email Bounced".equals(line.path("eventType").asText())).toList();
        assertThat(feedbackLines).hasSize(2).allSatisfy(line -> {
            assertThat(line.path("eventId").asText()).isEqualTo(eventBridgeId);
            assertThat(line.path("outcome").asText()).isEqualTo("ok");
            assertThat(line.path("hardBounces").asInt()).isEqualTo(1);
            assertThat(line.path("latencyMs").isIntegralNumber()).isTrue();
        });
    }

    @Test
    void aTransientBounceLeavesTheManagerMailed() throws Exception {
        MutableClock clock = MutableClock.at("2026-11-22T09:00:06Z");
        Licensing licensing = new Licensing(LocalDynamoDb.client(), LocalDynamoDb.freshTable(), clock);
        NotifierHandlerSampleEventIT.seedSampleTree(licensing, Instant.parse("2026-11-01T10:00:00Z"));
        EmailFeedbackHandler feedback = new EmailFeedbackHandler(
                Notifications.recordingUndeliverableAddresses(licensing.dynamo, licensing.table));
        NotifierHandler notifier = new NotifierHandler(Notifications.notifying(licensing.dynamo, licensing.table, sesClient(),
                "licences@partnerchannel.example", "https://portal.partnerchannel.example", clock));
        Map<String, Object> transientBounce = read("email-feedback-bounced.json");
        bounce(transientBounce).put("bounceType", "Transient");

        assertThat(feedback.handleRequest(transientBounce, null)).containsEntry("hardBounces", 0L);
        assertThat(notifier.handleRequest(read("notifier-order-assigned.json"), null))
                .containsEntry("sent", List.of(MANAGER)).containsEntry("undeliverable", List.of());
        assertThat(ses.requests).hasSize(1);
    }

    private AwsCalls sesClient() {
        return AwsCalls.builder(AwsCalls.Service.SES_V2)
                .endpoint(ses.uri()).region(Region.EU_WEST_1)
                .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(String sample) throws Exception {
        return JSON.readValue(EVENTS.resolve(sample).toFile(), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> bounce(Map<String, Object> event) {
        return (Map<String, Object>) ((Map<String, Object>) event.get("detail")).get("bounce");
    }
}

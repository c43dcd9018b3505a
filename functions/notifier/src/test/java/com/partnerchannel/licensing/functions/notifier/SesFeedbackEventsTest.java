package com.partnerchannel.licensing.functions.notifier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerchannel.licensing.notification.model.UndeliverableAddress;
import com.partnerchannel.licensing.testing.TemplateTable;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SES's feedback events as EventBridge delivers them, read into the addresses not to mail again. */
class SesFeedbackEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SAMPLE = TemplateTable.templatePath().getParent().resolve("events")
            .resolve("email-feedback-bounced.json");

    @Test
    void everyRecipientOfAPermanentBounceIsUndeliverableInLowerCase() throws Exception {
        Map<String, Object> event = sample();
        bounce(event).put("bouncedRecipients", List.of(Map.of("emailAddress", "It@Sample-Customer.test"),
                Map.of("emailAddress", "other@sample-customer.test")));

        assertThat(SesFeedbackEvents.undeliverable(event)).containsExactly(
                new UndeliverableAddress("it@sample-customer.test", UndeliverableAddress.Reason.HARD_BOUNCE,
                        Instant.parse("2026-11-22T09:00:04.512Z")),
                new UndeliverableAddress("other@sample-customer.test", UndeliverableAddress.Reason.HARD_BOUNCE,
                        Instant.parse("2026-11-22T09:00:04.512Z")));
    }

    @Test
    void aTransientBounceIsNoneSesRetriesItItself() throws Exception {
        Map<String, Object> event = sample();
        bounce(event).put("bounceType", "Transient");

        assertThat(SesFeedbackEvents.undeliverable(event)).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyRecipientWhoComplainedIsUndeliverable() throws Exception {
        Map<String, Object> event = sample();
        event.put("detail-type", "Email Complaint Received");
        Map<String, Object> detail = (Map<String, Object>) event.get("detail");
        detail.remove("bounce");
        detail.put("eventType", "Complaint");
        detail.put("complaint", Map.of("complainedRecipients", List.of(Map.of("emailAddress", "it@sample-customer.test")),
                "timestamp", "2026-11-23T10:00:00.000Z", "complaintFeedbackType", "abuse"));

        assertThat(SesFeedbackEvents.undeliverable(event)).containsExactly(new UndeliverableAddress(
                "it@sample-customer.test", UndeliverableAddress.Reason.COMPLAINT, Instant.parse("2026-11-23T10:00:00Z")));
    }

    @Test
    void anotherEventIsRefusedSoAMiswiredRuleFailsLoudly() throws Exception {
        Map<String, Object> event = sample();
        event.put("detail-type", "Email Delivered");

        assertThatThrownBy(() -> SesFeedbackEvents.undeliverable(event)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Email Delivered");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sample() throws Exception {
        return JSON.readValue(SAMPLE.toFile(), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> bounce(Map<String, Object> event) {
        return (Map<String, Object>) ((Map<String, Object>) event.get("detail")).get("bounce");
    }
}

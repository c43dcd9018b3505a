package com.partnerchannel.licensing.functions.notifier;

import com.partnerchannel.licensing.notification.model.UndeliverableAddress;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SES's bounce and complaint events as EventBridge delivers them ({@code source} aws.ses,
 * {@code detail-type} "Email Bounced" or "Email Complaint Received", SES's event in {@code detail}),
 * read into the addresses mail must not go to again: every recipient of a permanent bounce and of a
 * complaint. A transient bounce (a full mailbox, a server down) is none: SES retries those itself.
 */
final class SesFeedbackEvents {
    private SesFeedbackEvents() {
    }

    static List<UndeliverableAddress> undeliverable(Map<String, Object> event) {
        Map<String, Object> detail = map(event.get("detail"), "detail");
        Instant time = instant(event.get("time"));
        List<UndeliverableAddress> addresses = new ArrayList<>();
        String type = String.valueOf(event.get("detail-type"));
        switch (type) {
            case "Email Bounced" -> {
                Map<String, Object> bounce = map(detail.get("bounce"), "detail.bounce");
                if (!"Permanent".equals(bounce.get("bounceType"))) return List.of();
                Instant at = instantOr(bounce.get("timestamp"), time);
                recipients(bounce.get("bouncedRecipients"), "detail.bounce.bouncedRecipients").forEach(address ->
                        addresses.add(new UndeliverableAddress(address, UndeliverableAddress.Reason.HARD_BOUNCE, at)));
            }
            case "Email Complaint Received" -> {
                Map<String, Object> complaint = map(detail.get("complaint"), "detail.complaint");
                Instant at = instantOr(complaint.get("timestamp"), time);
                recipients(complaint.get("complainedRecipients"), "detail.complaint.complainedRecipients").forEach(address ->
                        addresses.add(new UndeliverableAddress(address, UndeliverableAddress.Reason.COMPLAINT, at)));
            }
            default -> throw new IllegalArgumentException("not an SES bounce or complaint event: " + type);
        }
        return addresses;
    }

    private static List<String> recipients(Object value, String name) {
        if (!(value instanceof List<?> list)) throw new IllegalArgumentException(name + " is not a list");
        List<String> addresses = new ArrayList<>();
        for (Object recipient : list) {
            Object address = map(recipient, name + "[]").get("emailAddress");
            if (address instanceof String text && !text.isBlank()) addresses.add(text);
        }
        return addresses;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String name) {
        if (!(value instanceof Map<?, ?> map)) throw new IllegalArgumentException(name + " is not an object");
        return (Map<String, Object>) map;
    }

    private static Instant instant(Object value) {
        if (!(value instanceof String text)) throw new IllegalArgumentException("the event has no time");
        return Instant.parse(text);
    }

    private static Instant instantOr(Object value, Instant otherwise) {
        if (!(value instanceof String text)) return otherwise;
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return otherwise;
        }
    }
}

package com.partnerchannel.licensing.outbox;

import java.util.Map;
import java.util.Optional;

/**
 * A domain event as a bus rule hands it to a function: its type ({@code detail-type}) and its detail
 * (which carries the eventId, see {@link OutboxEvent}).
 */
public record BusEvent(String eventId, String type, String companyId, Map<String, Object> detail) {
    public BusEvent {
        detail = Map.copyOf(detail);
    }

    /** The event EventBridge passes a rule's target: {@code detail-type} and {@code detail} among other fields. */
    @SuppressWarnings("unchecked")
    public static BusEvent fromEventBridge(Map<String, Object> event) {
        Object type = event.get("detail-type");
        if (!(event.get("detail") instanceof Map<?, ?> detail) || type == null) {
            throw new IllegalArgumentException("not an EventBridge event: " + event.keySet());
        }
        Map<String, Object> fields = (Map<String, Object>) detail;
        return new BusEvent(String.valueOf(fields.get("eventId")), type.toString(), String.valueOf(fields.get("companyId")),
                fields);
    }

    /** This event, if it is of the type a function's rule subscribes; a mis-wired rule fails loudly. */
    public BusEvent requireType(String expected) {
        if (!expected.equals(type)) throw new IllegalArgumentException("not a " + expected + " event: " + type);
        return this;
    }

    public Optional<String> text(String field) {
        Object value = detail.get(field);
        return value == null ? Optional.empty() : Optional.of(value.toString());
    }

    public String required(String field) {
        return text(field).orElseThrow(() -> new IllegalArgumentException(type + " " + eventId + " has no " + field));
    }
}

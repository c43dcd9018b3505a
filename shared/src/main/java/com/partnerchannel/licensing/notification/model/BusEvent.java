package com.partnerchannel.licensing.notification.model;

import java.util.Map;
import java.util.Optional;

/** A domain event as the notifier receives it from the bus: type and detail (which carries the eventId). */
public record BusEvent(String eventId, String type, String companyId, Map<String, Object> detail) {
    public BusEvent {
        detail = Map.copyOf(detail);
    }

    public Optional<String> text(String field) {
        Object value = detail.get(field);
        return value == null ? Optional.empty() : Optional.of(value.toString());
    }

    public String required(String field) {
        return text(field).orElseThrow(() -> new IllegalArgumentException(type + " " + eventId + " has no " + field));
    }
}

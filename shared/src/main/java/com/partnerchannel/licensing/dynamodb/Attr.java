package com.partnerchannel.licensing.dynamodb;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Small helpers to read and write attribute values. */
final class Attr {
    private Attr() {
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static final java.time.format.DateTimeFormatter FIXED_WIDTH =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

    /** Timestamps are stored fixed-width, with milliseconds, so that string order is time order. */
    static String time(Instant instant) {
        return FIXED_WIDTH.format(instant);
    }

    static AttributeValue t(Instant instant) {
        return s(time(instant));
    }

    static void putOptTime(Map<String, AttributeValue> item, String name, Optional<Instant> value) {
        value.ifPresent(v -> item.put(name, t(v)));
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.s() == null) throw new IllegalStateException("item has no " + name + ": " + item.get("PK"));
        return value.s();
    }

    static Optional<String> optStr(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null ? Optional.empty() : Optional.of(value.s());
    }

    static int integer(Map<String, AttributeValue> item, String name) {
        return Integer.parseInt(item.get(name).n());
    }

    static Instant instant(Map<String, AttributeValue> item, String name) {
        return Instant.parse(str(item, name));
    }

    static Optional<Instant> optInstant(Map<String, AttributeValue> item, String name) {
        return optStr(item, name).map(Instant::parse);
    }

    static void putOpt(Map<String, AttributeValue> item, String name, Optional<?> value) {
        value.ifPresent(v -> item.put(name, s(v.toString())));
    }
}

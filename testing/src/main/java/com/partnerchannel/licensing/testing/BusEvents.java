package com.partnerchannel.licensing.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Outbox items as a bus rule hands them to a function, without the stream and the bus in between: the
 * event EventBridge gives Lambda, its detail the item's with {@code eventId}, {@code companyId} and
 * {@code occurredAt} added, as EventBridgeBus puts it on the bus.
 */
public final class BusEvents {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOURCE = "partnerchannel.licensing";

    private BusEvents() {
    }

    /** The outbox events of this type among these items (any items: the others are passed over). */
    public static List<Map<String, Object>> of(Collection<Map<String, AttributeValue>> items, String eventType) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (Map<String, AttributeValue> item : items) {
            if (!item.get("SK").s().startsWith("EVENT#") || !eventType.equals(item.get("eventType").s())) continue;
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("eventId", item.get("eventId").s());
            detail.put("companyId", item.get("companyId").s());
            detail.put("occurredAt", item.get("occurredAt").s());
            try {
                detail.putAll(JSON.readValue(item.get("detail").s(), new TypeReference<Map<String, Object>>() {
                }));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            events.add(Map.of("detail-type", eventType, "source", SOURCE, "detail", detail));
        }
        return events;
    }
}

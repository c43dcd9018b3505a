package com.partnerchannel.licensing.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerchannel.licensing.common.Publish;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static com.partnerchannel.licensing.dynamodb.Attr.s;

/**
 * Outbox event: PK {@code C#<companyId>}, SK {@code EVENT#<eventId>}. The table stream carries it to the
 * publisher; the item itself expires after a week.
 */
final class OutboxItems {
    static final String PREFIX = "EVENT#";
    static final Duration KEPT = Duration.ofDays(7);
    private static final ObjectMapper JSON = new ObjectMapper();

    private OutboxItems() {
    }

    static Map<String, AttributeValue> toItem(Publish publish) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Keys.PK, s(Keys.company(publish.event().companyId())));
        item.put(Keys.SK, s(PREFIX + publish.eventId()));
        item.put("type", s("event"));
        item.put("eventId", s(publish.eventId()));
        item.put("eventType", s(publish.event().type()));
        item.put("companyId", s(publish.event().companyId()));
        item.put("occurredAt", Attr.t(publish.event().occurredAt()));
        try {
            item.put("detail", s(JSON.writeValueAsString(publish.event().detail())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event detail is not JSON: " + publish.event().type(), e);
        }
        item.put(Keys.TTL, Attr.n(publish.event().occurredAt().plus(KEPT).getEpochSecond()));
        return item;
    }
}

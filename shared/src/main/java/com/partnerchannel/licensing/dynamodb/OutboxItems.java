package com.partnerchannel.licensing.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerchannel.licensing.common.Publish;
import com.partnerchannel.licensing.outbox.OutboxEvent;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static com.partnerchannel.licensing.dynamodb.Attr.s;

/**
 * Outbox event: PK {@code C#<companyId>}, SK {@code EVENT#<eventId>}. The table stream carries it to the
 * publisher. Until it is on the bus it is in the unpublished index (GSI6 {@code UNPUBLISHED#<shard>} /
 * {@code <occurredAt>#<eventId>}) and never expires; once published it leaves the index and expires a
 * week later.
 */
final class OutboxItems {
    static final String PREFIX = "EVENT#";
    static final Duration KEPT = Duration.ofDays(7);
    static final int SHARDS = 16;
    static final String OCCURRED_AT = "occurredAt";
    private static final ObjectMapper JSON = new ObjectMapper();

    private OutboxItems() {
    }

    static Map<String, AttributeValue> toItem(Publish publish) {
        Map<String, AttributeValue> item = new HashMap<>();
        String companyId = publish.event().companyId();
        item.put(Keys.PK, s(Keys.company(companyId)));
        item.put(Keys.SK, s(PREFIX + publish.eventId()));
        item.put("type", s("event"));
        item.put("eventId", s(publish.eventId()));
        item.put("eventType", s(publish.event().type()));
        item.put("companyId", s(companyId));
        item.put(OCCURRED_AT, Attr.t(publish.event().occurredAt()));
        try {
            item.put("detail", s(JSON.writeValueAsString(publish.event().detail())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event detail is not JSON: " + publish.event().type(), e);
        }
        item.put(Keys.pk(Keys.UNPUBLISHED), s(unpublishedPartition(shard(companyId))));
        item.put(Keys.sk(Keys.UNPUBLISHED), s(Attr.time(publish.event().occurredAt()) + "#" + publish.eventId()));
        return item;
    }

    static Map<String, AttributeValue> key(OutboxEvent event) {
        return Map.of(Keys.PK, s(Keys.company(event.companyId())), Keys.SK, s(PREFIX + event.eventId()));
    }

    /** All of a company's unpublished events are in one shard, so one query reads them in order. */
    static int shard(String companyId) {
        return Math.floorMod(companyId.hashCode(), SHARDS);
    }

    static String unpublishedPartition(int shard) {
        return "UNPUBLISHED#" + shard;
    }

    /** The GSI6 sort key bound of the events that occurred before {@code before}. */
    static String occurredBefore(Instant before) {
        return Attr.time(before);
    }

    /** The moment a published event's item expires. */
    static long expiresAt(Instant publishedAt) {
        return publishedAt.plus(KEPT).getEpochSecond();
    }

    static OutboxEvent fromItem(Map<String, AttributeValue> item) {
        return new OutboxEvent(Attr.str(item, "eventId"), Attr.str(item, "eventType"), Attr.str(item, "companyId"),
                Attr.instant(item, OCCURRED_AT), Attr.str(item, "detail"));
    }
}

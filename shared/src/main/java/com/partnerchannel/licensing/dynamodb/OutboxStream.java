package com.partnerchannel.licensing.dynamodb;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.partnerchannel.licensing.outbox.OutboxEvent;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Outbox items as the table's stream delivers them to the publisher (the Lambda event's NEW_IMAGE). */
public final class OutboxStream {
    private OutboxStream() {
    }

    /** The outbox event a stream record carries; empty for any other record (not an insert of an EVENT# item). */
    public static Optional<OutboxEvent> event(DynamodbEvent.DynamodbStreamRecord record) {
        if (!"INSERT".equals(record.getEventName()) || record.getDynamodb() == null) return Optional.empty();
        Map<String, AttributeValue> image = record.getDynamodb().getNewImage();
        if (image == null || !text(image, Keys.SK).startsWith(OutboxItems.PREFIX)) return Optional.empty();
        return Optional.of(new OutboxEvent(text(image, "eventId"), text(image, "eventType"), text(image, "companyId"),
                Instant.parse(text(image, "occurredAt")), text(image, "detail")));
    }

    private static String text(Map<String, AttributeValue> image, String name) {
        AttributeValue value = image.get(name);
        if (value == null || value.getS() == null) throw new IllegalArgumentException("outbox item has no " + name);
        return value.getS();
    }
}

package com.partnerchannel.licensing.dynamodb;

import com.partnerchannel.licensing.notification.application.SentEmails;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static com.partnerchannel.licensing.dynamodb.Attr.s;

public final class DynamoSentEmails implements SentEmails {
    private static final Map<String, String> STATUS = Map.of("#status", "status");

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoSentEmails(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Claim claim(String companyId, String eventId, String recipient, Instant at) {
        // Names this claim: the SDK's retry of a put whose answer was lost meets it, and must know it for its own.
        String claimId = UUID.randomUUID().toString();
        try {
            dynamo.putItem(r -> r.tableName(table).item(SentEmailItems.claim(companyId, eventId, recipient, at, claimId))
                    .conditionExpression("attribute_not_exists(PK)"));
            return Claim.CLAIMED;
        } catch (ConditionalCheckFailedException taken) {
            Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                    .key(SentEmailItems.key(companyId, eventId, recipient))).item();
            if (item == null || item.isEmpty()) return claim(companyId, eventId, recipient, at); // released meanwhile
            if (claimId.equals(Attr.optStr(item, SentEmailItems.CLAIM_ID).orElse(""))) return Claim.CLAIMED;
            return SentEmailItems.SENT.equals(Attr.optStr(item, "status").orElse("")) ? Claim.SENT : Claim.IN_DOUBT;
        }
    }

    @Override
    public void sent(String companyId, String eventId, String recipient, String messageId, Instant at) {
        dynamo.updateItem(r -> r.tableName(table).key(SentEmailItems.key(companyId, eventId, recipient))
                .updateExpression("SET #status = :sent, sentAt = :at, messageId = :id")
                .conditionExpression("attribute_exists(PK)")
                .expressionAttributeNames(STATUS)
                .expressionAttributeValues(Map.of(":sent", s(SentEmailItems.SENT), ":at", Attr.t(at), ":id", s(messageId))));
    }

    @Override
    public void release(String companyId, String eventId, String recipient) {
        try {
            dynamo.deleteItem(r -> r.tableName(table).key(SentEmailItems.key(companyId, eventId, recipient))
                    .conditionExpression("#status = :sending")
                    .expressionAttributeNames(STATUS)
                    .expressionAttributeValues(Map.of(":sending", s(SentEmailItems.SENDING))));
        } catch (ConditionalCheckFailedException gone) {
            // Nothing to release.
        }
    }
}

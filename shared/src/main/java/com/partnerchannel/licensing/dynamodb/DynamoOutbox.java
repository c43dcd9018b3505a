package com.partnerchannel.licensing.dynamodb;

import com.partnerchannel.licensing.outbox.Outbox;
import com.partnerchannel.licensing.outbox.OutboxEvent;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

import static com.partnerchannel.licensing.dynamodb.Attr.s;

/**
 * The outbox items' published state: the unpublished index (GSI6) read shard by shard, page by page, and
 * the conditional update that takes a published event out of it.
 */
public final class DynamoOutbox implements Outbox {
    static final int PAGE = 100;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoOutbox(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Iterator<List<OutboxEvent>> unpublished(Instant before) {
        return new Pages(before);
    }

    /** The first item of each shard (its oldest): one query of one item per shard, whatever is waiting. */
    @Override
    public Optional<Instant> oldestUnpublished() {
        Optional<Instant> oldest = Optional.empty();
        for (int shard = 0; shard < OutboxItems.SHARDS; shard++) {
            String partition = OutboxItems.unpublishedPartition(shard);
            QueryResponse first = dynamo.query(r -> r.tableName(table).indexName(Keys.UNPUBLISHED)
                    .keyConditionExpression("#pk = :pk").projectionExpression("#at")
                    .expressionAttributeNames(Map.of("#pk", Keys.pk(Keys.UNPUBLISHED), "#at", OutboxItems.OCCURRED_AT))
                    .expressionAttributeValues(Map.of(":pk", s(partition)))
                    .limit(1));
            for (Map<String, AttributeValue> item : first.items()) {
                Instant occurredAt = Attr.instant(item, OutboxItems.OCCURRED_AT);
                if (oldest.isEmpty() || occurredAt.isBefore(oldest.get())) oldest = Optional.of(occurredAt);
            }
        }
        return oldest;
    }

    @Override
    public void published(OutboxEvent event, Instant at) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(OutboxItems.key(event))
                    .updateExpression("SET publishedAt = :at, #ttl = :ttl REMOVE #pk, #sk")
                    .conditionExpression("attribute_exists(#pk)")
                    .expressionAttributeNames(Map.of("#ttl", Keys.TTL, "#pk", Keys.pk(Keys.UNPUBLISHED),
                            "#sk", Keys.sk(Keys.UNPUBLISHED)))
                    .expressionAttributeValues(Map.of(":at", Attr.t(at),
                            ":ttl", Attr.n(OutboxItems.expiresAt(at)))));
        } catch (ConditionalCheckFailedException recordedAlready) {
            // Published before (a repeat), or the item is gone: nothing to record.
        }
    }

    /** One query per shard, each in sort-key order (so each company's events in the order they occurred). */
    private final class Pages implements Iterator<List<OutboxEvent>> {
        private final String before;
        private int shard;
        private Map<String, AttributeValue> startKey;
        private List<OutboxEvent> next;

        Pages(Instant before) {
            this.before = OutboxItems.occurredBefore(before);
        }

        @Override
        public boolean hasNext() {
            while (next == null && shard < OutboxItems.SHARDS) {
                QueryResponse page = dynamo.query(r -> r.tableName(table).indexName(Keys.UNPUBLISHED)
                        .keyConditionExpression("#pk = :pk AND #sk < :before")
                        .expressionAttributeNames(Map.of("#pk", Keys.pk(Keys.UNPUBLISHED), "#sk", Keys.sk(Keys.UNPUBLISHED)))
                        .expressionAttributeValues(Map.of(":pk", s(OutboxItems.unpublishedPartition(shard)),
                                ":before", s(before)))
                        .exclusiveStartKey(startKey).limit(PAGE));
                startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
                if (startKey == null) shard++;
                if (!page.items().isEmpty()) next = page.items().stream().map(OutboxItems::fromItem).toList();
            }
            return next != null;
        }

        @Override
        public List<OutboxEvent> next() {
            if (!hasNext()) throw new NoSuchElementException();
            List<OutboxEvent> page = next;
            next = null;
            return page;
        }
    }
}

package com.partnerchannel.licensing.dynamodb;

import com.partnerchannel.licensing.common.Change;
import com.partnerchannel.licensing.common.IdempotencyRecord;
import com.partnerchannel.licensing.common.Transactions;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.partnerchannel.licensing.dynamodb.Attr.s;

/** Turns changes into one {@code TransactWriteItems} ({@link ChangeWrites}: every item conditional, so nothing happens twice). */
public final class DynamoTransactions implements Transactions {
    /** DynamoDB's limit on items in one transaction. */
    public static final int MAX_ITEMS = 100;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final ChangeWrites changeWrites;

    public DynamoTransactions(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
        this.changeWrites = new ChangeWrites(table);
    }

    @Override
    public void commit(List<Change> changes, Optional<IdempotencyRecord> record) {
        List<TransactWriteItem> writes = new ArrayList<>();
        for (Change change : changes) writes.addAll(changeWrites.of(change));
        Optional<IdempotencyItems.Items> recordItems = record.map(r -> IdempotencyItems.toItems(r, clock.instant()));
        // A large body's parts go first; the record that names them commits with the change, or never.
        recordItems.ifPresent(items -> items.parts().forEach(part -> dynamo.putItem(p -> p.tableName(table).item(part))));
        // A record past its 24 hours may linger until DynamoDB's TTL removes it: it no longer counts.
        recordItems.ifPresent(items -> writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(items.record())
                .conditionExpression("attribute_not_exists(PK) OR #ttl <= :now")
                .expressionAttributeNames(Map.of("#ttl", Keys.TTL))
                .expressionAttributeValues(Map.of(":now", Attr.n(clock.instant().getEpochSecond()))).build()).build()));
        if (writes.isEmpty()) return;
        if (writes.size() > MAX_ITEMS) {
            throw new IllegalStateException(writes.size() + " writes do not fit one transaction");
        }
        try {
            dynamo.transactWriteItems(request -> request.transactItems(writes));
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (record.isPresent() && reasons.size() == writes.size()
                    && "ConditionalCheckFailed".equals(reasons.get(reasons.size() - 1).code())) {
                throw new RequestAlreadyDone(e);
            }
            // Only a failed condition or another writer's transaction is a change to decide again on; any
            // other reason (a validation error, say) fails the same way every time, so it is not retried.
            if (!reasons.stream().allMatch(DynamoTransactions::anotherWriterGotThereFirst)) throw e;
            throw new ConcurrentChange("another request changed the same items: " + describe(reasons), e);
        }
    }

    private static boolean anotherWriterGotThereFirst(CancellationReason reason) {
        return reason.code() == null || "None".equals(reason.code())
                || "ConditionalCheckFailed".equals(reason.code()) || "TransactionConflict".equals(reason.code());
    }

    @Override
    public Optional<IdempotencyRecord> findRecord(String companyId, String userId, String key) {
        GetItemResponse response = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(IdempotencyItems.key(companyId, userId, key)));
        if (!response.hasItem() || !IdempotencyItems.isLive(response.item(), clock.instant())) {
            return Optional.empty();
        }
        List<Map<String, AttributeValue>> parts = new ArrayList<>();
        if (IdempotencyItems.parts(response.item()) > 0) {
            String prefix = IdempotencyItems.partPrefix(userId, key, Attr.str(response.item(), "bodyVersion"));
            dynamo.queryPaginator(q -> q.tableName(table).consistentRead(true)
                            .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                            .expressionAttributeValues(Map.of(":pk", s(Keys.company(companyId)), ":prefix", s(prefix))))
                    .items().forEach(parts::add);
        }
        return Optional.of(IdempotencyItems.fromItem(response.item(), parts));
    }

    private static String describe(List<CancellationReason> reasons) {
        return reasons.stream().map(r -> r.code() == null ? "None" : r.code()).toList().toString();
    }
}

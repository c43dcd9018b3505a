package com.partnerchannel.licensing.dynamodb;

import com.partnerchannel.licensing.allocation.model.LearnerCounting;
import com.partnerchannel.licensing.common.Change;
import com.partnerchannel.licensing.common.IdempotencyRecord;
import com.partnerchannel.licensing.common.Transactions;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.partnerchannel.licensing.dynamodb.Attr.s;

/**
 * Turns changes into one {@link Transaction} ({@link ChangeWrites}: every item conditional, so nothing happens
 * twice), with the request's idempotency record; another writer first is a {@link ConcurrentChange}.
 */
public final class DynamoTransactions implements Transactions {
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoTransactions(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public void commit(List<Change> changes, Optional<IdempotencyRecord> record) {
        Transaction<Change> transaction = new Transaction<>(table);
        ChangeWrites writes = new ChangeWrites(transaction);
        changes.forEach(writes::add);
        // New learners of a company that exists already change its counters: one update per company (a company
        // created in the same transaction counts them in its own item).
        LearnerCounting.ofNewLearners(changes).forEach((company, delta) ->
                CompanyItems.countersChanged(transaction, null, company, delta));
        Optional<IdempotencyItems.Items> recordItems = record.map(r -> IdempotencyItems.toItems(r, clock.instant()));
        // A large body's parts go first; the record that names them commits with the change, or never.
        recordItems.ifPresent(items -> items.parts().forEach(part -> dynamo.putItem(p -> p.tableName(table).item(part))));
        // A record past its 24 hours may linger until DynamoDB's TTL removes it: it no longer counts.
        recordItems.ifPresent(items -> transaction.putIdempotencyRecord(items.record(),
                "attribute_not_exists(PK) OR #ttl <= :now", Map.of("#ttl", Keys.TTL),
                Map.of(":now", Attr.n(clock.instant().getEpochSecond()))));
        try {
            transaction.commit(dynamo);
        } catch (Transaction.Failed e) {
            // A failed condition or another writer's transaction: a change to decide again on (any other
            // reason, a validation error say, fails the same way every time, and Transaction rethrows it).
            throw new ConcurrentChange("another request changed the same items: " + e.codes, e.getCause());
        }
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
}

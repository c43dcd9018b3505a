package com.partnerchannel.licensing.dynamodb;

import com.partnerchannel.licensing.common.Transactions.RequestAlreadyDone;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one way the code writes a {@code TransactWriteItems}: every adapter's transaction, and the use cases'
 * changes with their idempotency record ({@link DynamoTransactions}), is built and committed here, and only
 * here is DynamoDB's limit of {@link #MAX_ITEMS} items checked and a cancellation read. Its items carry a tag
 * (what they are), so that a cancellation says which condition failed: a pool out of seats, an email taken,
 * a learner changed.
 */
final class Transaction<T> {
    /** DynamoDB's limit on items in one transaction. */
    static final int MAX_ITEMS = 100;

    private final String table;
    private final List<TransactWriteItem> items = new ArrayList<>();
    private final List<T> tags = new ArrayList<>();
    /** The position of the request's idempotency record, -1 when it has none. */
    private int record = -1;

    Transaction(String table) {
        this.table = table;
    }

    Transaction<T> put(T tag, Map<String, AttributeValue> item, String condition, Map<String, String> names,
                       Map<String, AttributeValue> values) {
        Put.Builder put = Put.builder().tableName(table).item(item).conditionExpression(condition);
        if (!names.isEmpty()) put.expressionAttributeNames(names);
        if (!values.isEmpty()) put.expressionAttributeValues(values);
        return add(tag, TransactWriteItem.builder().put(put.build()).build());
    }

    /**
     * The request's idempotency record: its condition failing means the same request committed first, which
     * {@link #commit} answers with {@link RequestAlreadyDone}.
     */
    Transaction<T> putIdempotencyRecord(Map<String, AttributeValue> item, String condition, Map<String, String> names,
                                        Map<String, AttributeValue> values) {
        put(null, item, condition, names, values);
        record = items.size() - 1;
        return this;
    }

    Transaction<T> update(T tag, Map<String, AttributeValue> key, String update, String condition,
                          Map<String, String> names, Map<String, AttributeValue> values) {
        Update.Builder builder = Update.builder().tableName(table).key(key).updateExpression(update)
                .conditionExpression(condition);
        if (!names.isEmpty()) builder.expressionAttributeNames(names);
        if (!values.isEmpty()) builder.expressionAttributeValues(values);
        return add(tag, TransactWriteItem.builder().update(builder.build()).build());
    }

    Transaction<T> delete(T tag, Map<String, AttributeValue> key, String condition, Map<String, String> names,
                          Map<String, AttributeValue> values) {
        Delete.Builder builder = Delete.builder().tableName(table).key(key);
        if (condition != null) builder.conditionExpression(condition);
        if (!names.isEmpty()) builder.expressionAttributeNames(names);
        if (!values.isEmpty()) builder.expressionAttributeValues(values);
        return add(tag, TransactWriteItem.builder().delete(builder.build()).build());
    }

    private Transaction<T> add(T tag, TransactWriteItem item) {
        items.add(item);
        tags.add(tag);
        return this;
    }

    int size() {
        return items.size();
    }

    /**
     * Commits (nothing when there is nothing to write).
     *
     * @throws RequestAlreadyDone when the idempotency record's condition failed: the request was done before
     * @throws Failed when other writers got there first (a failed condition, or another transaction on an
     *                item), with the tags of the items whose condition failed
     * @throws TransactionCanceledException when it was cancelled for any other reason (a validation error, a
     *                throttled item): that fails the same way again, or is AWS being busy, not a change to decide on
     */
    void commit(DynamoDbClient dynamo) {
        if (items.isEmpty()) return;
        if (items.size() > MAX_ITEMS) {
            throw new IllegalStateException(items.size() + " writes do not fit one transaction");
        }
        try {
            dynamo.transactWriteItems(r -> r.transactItems(items));
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (record >= 0 && reasons.size() == items.size()
                    && "ConditionalCheckFailed".equals(reasons.get(record).code())) {
                throw new RequestAlreadyDone(e);
            }
            if (!reasons.stream().allMatch(Transaction::anotherWriterGotThereFirst)) throw e;
            List<T> failed = new ArrayList<>();
            boolean conflict = false;
            for (int i = 0; i < reasons.size() && i < tags.size(); i++) {
                String code = reasons.get(i).code();
                if ("ConditionalCheckFailed".equals(code)) failed.add(tags.get(i));
                else if ("TransactionConflict".equals(code)) conflict = true;
            }
            throw new Failed(failed, conflict, codes(reasons), e);
        }
    }

    private static boolean anotherWriterGotThereFirst(CancellationReason reason) {
        return reason.code() == null || "None".equals(reason.code())
                || "ConditionalCheckFailed".equals(reason.code()) || "TransactionConflict".equals(reason.code());
    }

    private static List<String> codes(List<CancellationReason> reasons) {
        return reasons.stream().map(r -> r.code() == null ? "None" : r.code()).toList();
    }

    static Map<String, AttributeValue> values(Object... pairs) {
        Map<String, AttributeValue> values = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) values.put((String) pairs[i], (AttributeValue) pairs[i + 1]);
        return values;
    }

    /**
     * Other writers got there first: these items' conditions failed (empty when it was only a conflict with
     * another transaction). Its cause is DynamoDB's cancellation.
     */
    static final class Failed extends RuntimeException {
        final transient List<?> failed;
        final boolean conflict;
        /** Every item's cancellation reason, in order ("None" for an item that was fine). */
        final List<String> codes;

        Failed(List<?> failed, boolean conflict, List<String> codes, TransactionCanceledException cause) {
            super("transaction cancelled: " + failed + (conflict ? " (conflict)" : ""), cause);
            this.failed = failed;
            this.conflict = conflict;
            this.codes = codes;
        }
    }
}

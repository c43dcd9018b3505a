package com.partnerchannel.licensing.dynamodb;

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
 * One {@code TransactWriteItems} whose items carry a tag (what they are), so that a cancellation says
 * which condition failed: a pool out of seats, an email taken, a learner changed.
 */
final class Transaction<T> {
    private final String table;
    private final List<TransactWriteItem> items = new ArrayList<>();
    private final List<T> tags = new ArrayList<>();

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

    /** Commits; on a failed condition throws {@link Failed} with the tags of the items whose condition failed. */
    void commit(DynamoDbClient dynamo) {
        if (items.isEmpty()) return;
        if (items.size() > DynamoTransactions.MAX_ITEMS) {
            throw new IllegalStateException(items.size() + " writes do not fit one transaction");
        }
        try {
            dynamo.transactWriteItems(r -> r.transactItems(items));
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            List<T> failed = new ArrayList<>();
            boolean conflict = false;
            for (int i = 0; i < reasons.size() && i < tags.size(); i++) {
                String code = reasons.get(i).code();
                if ("ConditionalCheckFailed".equals(code)) failed.add(tags.get(i));
                else if ("TransactionConflict".equals(code)) conflict = true;
            }
            throw new Failed(failed, conflict, e);
        }
    }

    static Map<String, AttributeValue> values(Object... pairs) {
        Map<String, AttributeValue> values = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) values.put((String) pairs[i], (AttributeValue) pairs[i + 1]);
        return values;
    }

    /** The transaction was cancelled: these items' conditions failed (empty when it was only a conflict). */
    static final class Failed extends RuntimeException {
        final transient List<?> failed;
        final boolean conflict;

        Failed(List<?> failed, boolean conflict, Throwable cause) {
            super("transaction cancelled: " + failed + (conflict ? " (conflict)" : ""), cause);
            this.failed = failed;
            this.conflict = conflict;
        }
    }
}

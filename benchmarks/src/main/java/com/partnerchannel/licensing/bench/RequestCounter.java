package com.partnerchannel.licensing.bench;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An SDK interceptor that counts what a {@code DynamoDbClient} asks DynamoDB for: calls and HTTP
 * attempts per operation, the time spent inside each call (marshalling, HTTP and the server), items
 * written per {@code TransactWriteItems}, keys per {@code BatchGetItem}, items returned and read per
 * {@code Query}, bytes on the wire and, when asked, the capacity DynamoDB reports as consumed.
 *
 * <p>With {@code askCapacity}, every request that can carry {@code ReturnConsumedCapacity} is sent
 * with {@code INDEXES}; nothing else about the request changes. One client, read from one thread at
 * a time, or from several (the sweep reads its index 8 queries at a time): the methods are synchronized.
 */
final class RequestCounter implements ExecutionInterceptor {
    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("bench.started");
    private static final ExecutionAttribute<String> QUERY_SHAPE = new ExecutionAttribute<>("bench.queryShape");
    private static final ExecutionAttribute<String> NAME = new ExecutionAttribute<>("bench.name");
    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[0-9A-HJKMNP-TV-Z]{26}");

    /** Everything counted for one operation name. */
    static final class Operation {
        final String name;
        long calls;
        long attempts;
        long failures;
        long nanos;
        long bytesSent;
        long bytesReceived;
        /** TransactWriteItems: items; BatchGetItem: keys; Query: items returned; GetItem: items found. */
        long items;
        /** Query: items DynamoDB read before the filter (ScannedCount). */
        long scanned;
        long putCount;
        long updates;
        long deletes;
        long checks;
        double capacityUnits;
        double readUnits;
        double writeUnits;
        double tableUnits;
        double indexUnits;
        /** TransactWriteItems: how many transactions had each size. */
        final TreeMap<Integer, Integer> sizes = new TreeMap<>();
        /** TransactWriteItems: items put, by the first part of their sort key (USER, EMAIL, …). */
        final TreeMap<String, Puts> puts = new TreeMap<>();
        /**
         * TransactWriteItems: write units DynamoDB would charge, estimated from the items: 2 per started KB
         * of each item (transactional), plus 1 per started KB for each index entry the item writes (every
         * index of the table projects ALL). An update's item is not seen here: it counts as 1 KB, with one
         * index entry for a pool (GSI4).
         */
        double estimatedWriteUnits;

        Operation(String name) {
            this.name = name;
        }
    }

    /** Items put in transactions of one kind: how many, and their sizes as DynamoDB counts them. */
    static final class Puts {
        long count;
        long bytes;
        long maxBytes;

        Puts copy() {
            Puts c = new Puts();
            c.count = count;
            c.bytes = bytes;
            c.maxBytes = maxBytes;
            return c;
        }
    }

    private final boolean askCapacity;
    private final boolean queriesByIndex;
    private final Map<String, Operation> operations = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();
    /** Queries by shape (index, key condition with ids masked, filter): calls, items returned, items read. */
    private final Map<String, long[]> queryShapes = new TreeMap<>();

    RequestCounter(boolean askCapacity) {
        this(askCapacity, false);
    }

    /** {@code queriesByIndex}: a Query counts under its index, {@code Query GSI4} (or {@code Query table}). */
    RequestCounter(boolean askCapacity, boolean queriesByIndex) {
        this.askCapacity = askCapacity;
        this.queriesByIndex = queriesByIndex;
    }

    synchronized void reset() {
        operations.clear();
        failures.clear();
        queryShapes.clear();
    }

    /** A copy of the counts so far, by operation name. */
    synchronized Map<String, Operation> snapshot() {
        Map<String, Operation> copy = new TreeMap<>();
        operations.forEach((name, op) -> {
            Operation c = new Operation(name);
            c.calls = op.calls;
            c.attempts = op.attempts;
            c.failures = op.failures;
            c.nanos = op.nanos;
            c.bytesSent = op.bytesSent;
            c.bytesReceived = op.bytesReceived;
            c.items = op.items;
            c.scanned = op.scanned;
            c.putCount = op.putCount;
            c.updates = op.updates;
            c.deletes = op.deletes;
            c.checks = op.checks;
            c.capacityUnits = op.capacityUnits;
            c.readUnits = op.readUnits;
            c.writeUnits = op.writeUnits;
            c.tableUnits = op.tableUnits;
            c.indexUnits = op.indexUnits;
            c.sizes.putAll(op.sizes);
            op.puts.forEach((kind, p) -> c.puts.put(kind, p.copy()));
            c.estimatedWriteUnits = op.estimatedWriteUnits;
            copy.put(name, c);
        });
        return copy;
    }

    synchronized Map<String, long[]> queryShapes() {
        Map<String, long[]> copy = new TreeMap<>();
        queryShapes.forEach((shape, counts) -> copy.put(shape, counts.clone()));
        return copy;
    }

    synchronized List<String> failures() {
        return List.copyOf(failures);
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        if (!askCapacity) return context.request();
        SdkRequest request = context.request();
        ReturnConsumedCapacity indexes = ReturnConsumedCapacity.INDEXES;
        if (request instanceof TransactWriteItemsRequest r) return r.toBuilder().returnConsumedCapacity(indexes).build();
        if (request instanceof BatchGetItemRequest r) return r.toBuilder().returnConsumedCapacity(indexes).build();
        if (request instanceof QueryRequest r) return r.toBuilder().returnConsumedCapacity(indexes).build();
        if (request instanceof GetItemRequest r) return r.toBuilder().returnConsumedCapacity(indexes).build();
        if (request instanceof UpdateItemRequest r) return r.toBuilder().returnConsumedCapacity(indexes).build();
        return request;
    }

    @Override
    public synchronized void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(STARTED, System.nanoTime());
        SdkRequest request = context.request();
        if (queriesByIndex && request instanceof QueryRequest q) {
            attributes.putAttribute(NAME, "Query " + (q.indexName() == null ? "table" : q.indexName()));
        }
        Operation op = operation(attributes);
        op.calls++;
        if (request instanceof TransactWriteItemsRequest r) {
            List<TransactWriteItem> items = r.transactItems();
            op.items += items.size();
            op.sizes.merge(items.size(), 1, Integer::sum);
            for (TransactWriteItem item : items) {
                if (item.put() != null) {
                    op.putCount++;
                    Map<String, AttributeValue> put = item.put().item();
                    long size = itemSize(put);
                    Puts kind = op.puts.computeIfAbsent(kind(put.get("SK")), k -> new Puts());
                    kind.count++;
                    kind.bytes += size;
                    kind.maxBytes = Math.max(kind.maxBytes, size);
                    long units = (size + 1023) / 1024;
                    long indexes = put.keySet().stream().filter(name -> name.matches("GSI\\d+PK")).count();
                    op.estimatedWriteUnits += 2 * units + indexes * units;
                }
                if (item.update() != null) {
                    op.updates++;
                    op.estimatedWriteUnits += 2 + (kind(item.update().key().get("SK")).equals("POOL") ? 1 : 0);
                }
                if (item.delete() != null) {
                    op.deletes++;
                    op.estimatedWriteUnits += 2;
                }
                if (item.conditionCheck() != null) op.checks++;
            }
        } else if (request instanceof BatchGetItemRequest r) {
            for (KeysAndAttributes keys : r.requestItems().values()) op.items += keys.keys().size();
        } else if (request instanceof QueryRequest r) {
            attributes.putAttribute(QUERY_SHAPE, shape(r));
        }
    }

    @Override
    public synchronized void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        Operation op = operation(attributes);
        op.attempts++;
        context.requestBody().flatMap(body -> body.optionalContentLength()).ifPresent(length -> op.bytesSent += length);
    }

    @Override
    public synchronized void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        context.httpResponse().firstMatchingHeader("Content-Length")
                .ifPresent(length -> operation(attributes).bytesReceived += Long.parseLong(length.trim()));
    }

    @Override
    public synchronized void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        Operation op = finish(attributes);
        SdkResponse response = context.response();
        List<ConsumedCapacity> capacity = List.of();
        if (response instanceof QueryResponse r) {
            op.items += r.count();
            op.scanned += r.scannedCount();
            long[] counts = queryShapes.computeIfAbsent(String.valueOf(attributes.getAttribute(QUERY_SHAPE)), k -> new long[3]);
            counts[0]++;
            counts[1] += r.count();
            counts[2] += r.scannedCount();
            if (r.consumedCapacity() != null) capacity = List.of(r.consumedCapacity());
        } else if (response instanceof GetItemResponse r) {
            if (r.hasItem()) op.items++;
            if (r.consumedCapacity() != null) capacity = List.of(r.consumedCapacity());
        } else if (response instanceof BatchGetItemResponse r) {
            if (r.hasConsumedCapacity()) capacity = r.consumedCapacity();
        } else if (response instanceof TransactWriteItemsResponse r) {
            if (r.hasConsumedCapacity()) capacity = r.consumedCapacity();
        } else if (response instanceof UpdateItemResponse r) {
            if (r.consumedCapacity() != null) capacity = List.of(r.consumedCapacity());
        }
        for (ConsumedCapacity c : capacity) {
            op.capacityUnits += orZero(c.capacityUnits());
            op.readUnits += orZero(c.readCapacityUnits());
            op.writeUnits += orZero(c.writeCapacityUnits());
            if (c.table() != null) op.tableUnits += orZero(c.table().capacityUnits());
            if (c.hasGlobalSecondaryIndexes()) {
                c.globalSecondaryIndexes().values().forEach(index -> op.indexUnits += orZero(index.capacityUnits()));
            }
        }
    }

    @Override
    public synchronized void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        Operation op = finish(attributes);
        op.failures++;
        if (failures.size() < 20) {
            failures.add(op.name + ": " + context.exception().getClass().getSimpleName() + ": "
                    + context.exception().getMessage());
        }
    }

    private Operation finish(ExecutionAttributes attributes) {
        Operation op = operation(attributes);
        Long started = attributes.getAttribute(STARTED);
        if (started != null) op.nanos += System.nanoTime() - started;
        return op;
    }

    /**
     * For calls made without an SDK client (S3 through {@code AwsCalls}): around its HTTP client, each request
     * counted as an attempt of the S3 operation its method names, with the bytes its answer declares.
     */
    com.partnerchannel.licensing.aws.HttpClientWrapper s3Http() {
        return client -> new software.amazon.awssdk.http.SdkHttpClient() {
            @Override
            public software.amazon.awssdk.http.ExecutableHttpRequest prepareRequest(software.amazon.awssdk.http.HttpExecuteRequest request) {
                String name = switch (request.httpRequest().method()) {
                    case HEAD -> "HeadObject";
                    case GET -> "GetObject";
                    case PUT -> "PutObject";
                    default -> request.httpRequest().method().name();
                };
                software.amazon.awssdk.http.ExecutableHttpRequest executable = client.prepareRequest(request);
                return new software.amazon.awssdk.http.ExecutableHttpRequest() {
                    @Override
                    public software.amazon.awssdk.http.HttpExecuteResponse call() throws java.io.IOException {
                        long started = System.nanoTime();
                        software.amazon.awssdk.http.HttpExecuteResponse response = executable.call();
                        synchronized (RequestCounter.this) {
                            Operation op = operations.computeIfAbsent(name, Operation::new);
                            op.calls++;
                            op.attempts++;
                            op.nanos += System.nanoTime() - started;
                            if (response.httpResponse().statusCode() / 100 != 2) op.failures++;
                            op.bytesReceived += response.httpResponse().firstMatchingHeader("Content-Length")
                                    .map(Long::parseLong).orElse(0L);
                        }
                        return response;
                    }

                    @Override
                    public void abort() {
                        executable.abort();
                    }
                };
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }

    private Operation operation(ExecutionAttributes attributes) {
        String name = attributes.getAttribute(NAME);
        if (name == null) name = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        return operations.computeIfAbsent(name == null ? "?" : name, Operation::new);
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }

    /** What a query asks, without its ids and times: {@code GSI5 GSI5PK = C#<id>#LEARNERS#active; filter …}. */
    private static String shape(QueryRequest query) {
        String keys = query.keyConditionExpression();
        if (query.hasExpressionAttributeValues()) {
            for (Map.Entry<String, AttributeValue> value : query.expressionAttributeValues().entrySet()) {
                if (value.getValue().s() != null && keys.contains(value.getKey())) {
                    keys = keys.replace(value.getKey(), ID.matcher(value.getValue().s()).replaceAll("<id>"));
                }
            }
        }
        return (query.indexName() == null ? "table" : query.indexName()) + ": " + keys
                + (query.filterExpression() == null ? "" : "; filter " + query.filterExpression())
                + (Boolean.TRUE.equals(query.consistentRead()) ? "; consistent" : "");
    }

    /** The first part of a sort key: {@code USER#01…} is USER. */
    private static String kind(AttributeValue sortKey) {
        if (sortKey == null || sortKey.s() == null) return "?";
        int hash = sortKey.s().indexOf('#');
        return hash < 0 ? sortKey.s() : sortKey.s().substring(0, hash);
    }

    /**
     * An item's size as DynamoDB counts it for capacity: the UTF-8 bytes of each attribute name plus its
     * value (strings in UTF-8, numbers about one byte per two digits plus one, booleans one byte, maps
     * and lists three bytes plus one per element plus their contents).
     */
    static long itemSize(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            size += utf8(attribute.getKey()) + valueSize(attribute.getValue());
        }
        return size;
    }

    private static long valueSize(AttributeValue value) {
        if (value.s() != null) return utf8(value.s());
        if (value.n() != null) {
            long digits = value.n().chars().filter(Character::isDigit).count();
            return (digits + 1) / 2 + 1;
        }
        if (value.bool() != null || Boolean.TRUE.equals(value.nul())) return 1;
        if (value.b() != null) return value.b().asByteArray().length;
        if (value.hasM()) {
            long size = 3;
            for (Map.Entry<String, AttributeValue> entry : value.m().entrySet()) {
                size += 1 + utf8(entry.getKey()) + valueSize(entry.getValue());
            }
            return size;
        }
        if (value.hasL()) {
            long size = 3;
            for (AttributeValue element : value.l()) size += 1 + valueSize(element);
            return size;
        }
        if (value.hasSs()) return value.ss().stream().mapToLong(RequestCounter::utf8).sum();
        return 0;
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}

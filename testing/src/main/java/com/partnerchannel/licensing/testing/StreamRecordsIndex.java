package com.partnerchannel.licensing.testing;

import com.almworks.sqlite4java.SQLiteConnection;
import com.almworks.sqlite4java.SQLiteJob;
import com.almworks.sqlite4java.SQLiteQueue;
import com.almworks.sqlite4java.SQLiteStatement;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives DynamoDB Local's stream-records table an index by stream, so that a request does not get slower
 * with every stream record the database holds.
 *
 * <p>DynamoDB Local (3.3.1) keeps every stream record of every table in one SQLite table, {@code us}, keyed
 * by sequence number only; as it describes a table's stream, which it does on every request that names the
 * table, it asks for the stream's earliest record ({@link #EARLIEST_RECORD_OF_STREAM}). Without an index
 * SQLite answers by walking the records in sequence from the first until one is the stream's: nothing for
 * the first table of a database (the runner's single table), but for the tenth fresh table of a JVM's tests
 * every record the nine before it wrote. With streams on, as template.yaml declares them, 2,000 puts into a
 * fresh table took 1.4 s on an empty database and 20.0 s after 18,000 records (10 tables in one embedded
 * instance), so each test of a JVM ran slower than the one before; with this index, 1.4–2.0 s for every
 * table (StreamRecordsGrowth; docs/benchmarks.md, "DynamoDB Local's stream records").
 *
 * <p>The index changes no answer DynamoDB Local gives, only how SQLite finds the rows. It reaches
 * DynamoDB Local's SQLite queue by reflection, as no API exposes it: a DynamoDB Local upgrade that moves it
 * fails here, loudly, naming what it did not find.
 */
public final class StreamRecordsIndex {
    static final String CREATE = "CREATE INDEX IF NOT EXISTS us_by_stream ON us (StreamID, SequenceNumber)";
    /** The look-up DynamoDB Local makes as it describes a table's stream, which it does for every write. */
    static final String EARLIEST_RECORD_OF_STREAM = "SELECT MIN(SequenceNumber) FROM us WHERE StreamID = ?";
    private static final String DATABASE_ACCESS = "software.amazon.dynamodb.services.local.shared.access.sqlite.SQLiteDBAccess";
    private static final int MAX_OBJECTS = 10_000;

    private StreamRecordsIndex() {
    }

    /**
     * Adds the index to every database behind {@code dynamoDbLocal}: an embedded instance (DynamoDBEmbedded's),
     * or a started server (DynamoDBProxyServer) that has answered one request (a server opens a database at
     * its first request, one per access key and region unless it shares one). Idempotent.
     */
    public static void addTo(Object dynamoDbLocal) {
        for (Object database : databasesIn(dynamoDbLocal)) {
            queueOf(database).execute(new SQLiteJob<Void>() {
                @Override
                protected Void job(SQLiteConnection connection) throws Throwable {
                    connection.exec(CREATE);
                    return null;
                }
            }).complete();
        }
    }

    /** SQLite's plan for {@code sql} in the (first) database behind {@code dynamoDbLocal}, one line per step. For tests. */
    static String queryPlan(Object dynamoDbLocal, String sql) {
        return queueOf(databasesIn(dynamoDbLocal).get(0)).execute(new SQLiteJob<String>() {
            @Override
            protected String job(SQLiteConnection connection) throws Throwable {
                StringBuilder plan = new StringBuilder();
                SQLiteStatement statement = connection.prepare("EXPLAIN QUERY PLAN " + sql, false);
                try {
                    while (statement.step()) plan.append(statement.columnString(statement.columnCount() - 1)).append('\n');
                } finally {
                    statement.dispose();
                }
                return plan.toString();
            }
        }).complete();
    }

    /** Walks DynamoDB Local's own objects (and the maps and collections they hold) to those that hold a SQLite database. */
    private static List<Object> databasesIn(Object root) {
        List<Object> databases = new ArrayList<>();
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object> next = new ArrayDeque<>();
        next.add(root);
        while (!next.isEmpty() && seen.size() < MAX_OBJECTS) {
            Object object = next.poll();
            if (!seen.add(object)) continue;
            if (isA(object.getClass(), DATABASE_ACCESS)) {
                databases.add(object);
                continue;
            }
            for (Class<?> type = object.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) continue;
                    Object value = read(field, object);
                    if (value instanceof Map<?, ?> map) value = map.values();
                    if (value instanceof Collection<?> values) {
                        values.stream().filter(v -> v != null && isDynamoDbLocals(v.getClass())).forEach(next::add);
                    } else if (value != null && isDynamoDbLocals(value.getClass())) {
                        next.add(value);
                    }
                }
            }
        }
        if (databases.isEmpty()) {
            throw new IllegalStateException("no " + DATABASE_ACCESS + " found inside " + root.getClass().getName()
                    + " (a DynamoDB Local other than 3.3.1, or a server that has not answered a request yet?):"
                    + " StreamRecordsIndex cannot add its index");
        }
        return databases;
    }

    private static SQLiteQueue queueOf(Object databaseAccess) {
        for (Class<?> type = databaseAccess.getClass(); type != null; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (SQLiteQueue.class.isAssignableFrom(field.getType())) {
                    Object queue = read(field, databaseAccess);
                    if (queue != null) return (SQLiteQueue) queue;
                }
            }
        }
        throw new IllegalStateException(databaseAccess.getClass().getName() + " holds no SQLiteQueue: StreamRecordsIndex cannot add its index");
    }

    private static boolean isA(Class<?> type, String name) {
        for (Class<?> t = type; t != null; t = t.getSuperclass()) {
            if (t.getName().equals(name)) return true;
        }
        return false;
    }

    /** DynamoDB Local's classes, and the proxies of the embedded instance. */
    private static boolean isDynamoDbLocals(Class<?> type) {
        String name = type.getName();
        return name.startsWith("software.amazon.dynamodb.") || java.lang.reflect.Proxy.isProxyClass(type);
    }

    private static Object read(Field field, Object owner) {
        try {
            field.setAccessible(true);
            return field.get(owner);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}

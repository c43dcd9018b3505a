package com.partnerchannel.licensing.observability;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one {@link Invocation} cost in DynamoDB: the requests its clients made and the read and write
 * capacity units DynamoDB reported for them, added up by the clients' interceptor
 * ({@code dynamodb.ConsumedCapacityCounter}) as each call ends. Held by the thread that runs the
 * invocation, so concurrent invocations (the local runner, the tests) each count their own; work the
 * invocation hands to other threads carries it along with {@link #carried}.
 */
public final class DynamoDbCost {
    private static final ThreadLocal<DynamoDbCost> CURRENT = new ThreadLocal<>();

    private final LongAdder requests = new LongAdder();
    private final DoubleAdder readUnits = new DoubleAdder();
    private final DoubleAdder writeUnits = new DoubleAdder();

    private DynamoDbCost() {
    }

    /** The cost of the invocation running on this thread; null outside one. */
    public static DynamoDbCost current() {
        return CURRENT.get();
    }

    /** {@code task} counting to the invocation running on this thread, on whatever thread runs it. */
    public static <T> Callable<T> carried(Callable<T> task) {
        DynamoDbCost cost = CURRENT.get();
        if (cost == null) return task;
        return () -> {
            DynamoDbCost before = CURRENT.get();
            CURRENT.set(cost);
            try {
                return task.call();
            } finally {
                restore(before);
            }
        };
    }

    /** One request made, and the units DynamoDB reported for it (none for a failed one). */
    public void add(double read, double write) {
        requests.increment();
        readUnits.add(read);
        writeUnits.add(write);
    }

    public long requests() {
        return requests.sum();
    }

    public double readUnits() {
        return readUnits.sum();
    }

    public double writeUnits() {
        return writeUnits.sum();
    }

    /** Starts counting on this thread; {@link Scope#close} gives the thread back what it counted to before. */
    static Scope begin() {
        DynamoDbCost before = CURRENT.get();
        DynamoDbCost cost = new DynamoDbCost();
        CURRENT.set(cost);
        return new Scope(cost, before);
    }

    record Scope(DynamoDbCost cost, DynamoDbCost before) implements AutoCloseable {
        @Override
        public void close() {
            restore(before);
        }
    }

    private static void restore(DynamoDbCost before) {
        if (before == null) CURRENT.remove();
        else CURRENT.set(before);
    }
}

package com.partnerchannel.licensing.observability;

/**
 * How long something took, on the JVM's monotonic clock: for logs and metrics only, never a business time
 * (those come from the injected {@code Clock}).
 */
public final class Latency {
    private final long startNanos;

    private Latency(long startNanos) {
        this.startNanos = startNanos;
    }

    public static Latency start() {
        return new Latency(System.nanoTime());
    }

    public long millis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}

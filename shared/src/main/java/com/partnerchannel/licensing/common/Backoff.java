package com.partnerchannel.licensing.common;

import java.time.Duration;
import java.security.SecureRandom;
import java.util.function.DoubleSupplier;

/**
 * The wait before trying again after another writer got there first: capped exponential backoff with
 * full jitter, a random wait from 0 to {@code min(cap, base × 2^(retry-1))}. Writers that collided on one
 * item then come back spread out instead of colliding again in step, as an immediate retry makes them.
 * The sleeper is a parameter so that tests record the waits instead of waiting.
 */
public final class Backoff {
    /** The first retry waits up to this. */
    public static final Duration BASE = Duration.ofMillis(10);
    /** No retry waits longer than this. */
    public static final Duration CAP = Duration.ofMillis(200);

    /** Waits; the real one is {@link Thread#sleep}. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Duration base;
    private final Duration cap;
    private final Sleeper sleeper;
    private final DoubleSupplier random;

    public Backoff(Duration base, Duration cap, Sleeper sleeper, DoubleSupplier random) {
        if (base.isNegative() || cap.compareTo(base) < 0) throw new IllegalArgumentException("need 0 <= base <= cap");
        this.base = base;
        this.cap = cap;
        this.sleeper = sleeper;
        this.random = random;
    }

    /**
     * The jitter's source. Not {@code ThreadLocalRandom} or {@code Random}: their seeds are taken before a
     * SnapStart snapshot, so every function restored from it would draw the same waits and retry in step;
     * Lambda's SnapStart guide (Handling uniqueness) names {@code SecureRandom} as snapshot-resilient.
     */
    private static final SecureRandom JITTER = new SecureRandom();

    /** {@link #BASE} and {@link #CAP}, sleeping the thread. */
    public static Backoff standard() {
        return new Backoff(BASE, CAP, duration -> Thread.sleep(duration.toMillis()), JITTER::nextDouble);
    }

    /**
     * For DynamoDB's own "not now" that the SDK does not retry (keys a batch left unprocessed, a query
     * throttled past the SDK's attempts): the SDK's throttling backoff, up to 100, 200, 400 ms… capped at 1 s
     * ({@code DynamoDbRetries}), sleeping the thread.
     */
    public static Backoff throttled() {
        return new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), duration -> Thread.sleep(duration.toMillis()),
                JITTER::nextDouble);
    }

    /** The longest wait before retry {@code retry} (1 = the first retry). */
    public Duration ceiling(int retry) {
        if (retry < 1) throw new IllegalArgumentException("retries count from 1");
        long millis = base.toMillis() << Math.min(retry - 1, 30);
        return millis < 0 || millis > cap.toMillis() ? cap : Duration.ofMillis(millis);
    }

    /**
     * Waits a random share of {@link #ceiling} before retry {@code retry}; when the invocation's
     * {@link TimeBudget} would not leave time for the retry after that wait, refuses instead, with a 503
     * problem that tells the caller when to send the request again.
     */
    public void beforeRetry(int retry) {
        Duration wait = Duration.ofMillis((long) (random.getAsDouble() * ceiling(retry).toMillis()));
        if (!TimeBudget.allows(wait)) {
            throw Problem.unavailable("the request ran out of time retrying after other requests changed what it needed"
                    + " (" + retry + " attempts); send it again, with the same Idempotency-Key if it had one");
        }
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }
}

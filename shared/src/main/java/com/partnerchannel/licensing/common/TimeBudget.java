package com.partnerchannel.licensing.common;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The time left to the invocation running on this thread, as its platform counts it (Lambda's remaining
 * time; the local runner counts down the template's Timeout the same way). Retries ask it before they
 * wait, so that a request that cannot finish is answered "try again later" while there is still time to
 * answer, rather than cut off by the platform. It is held per thread because the retries sit deep inside
 * the use cases, which take no invocation; outside one (a test, a tool) there is no budget.
 */
public final class TimeBudget {
    /** Kept for the last attempt and the answer: no retry starts with less than this left after its wait. */
    public static final Duration RESERVE = Duration.ofSeconds(3);

    private static final ThreadLocal<LongSupplier> REMAINING_MILLIS = new ThreadLocal<>();

    private TimeBudget() {
    }

    /** Runs {@code work} with {@code remainingMillis} telling how much of the invocation is left. */
    public static <T> T within(LongSupplier remainingMillis, Supplier<T> work) {
        LongSupplier outer = REMAINING_MILLIS.get();
        REMAINING_MILLIS.set(remainingMillis);
        try {
            return work.get();
        } finally {
            if (outer == null) REMAINING_MILLIS.remove();
            else REMAINING_MILLIS.set(outer);
        }
    }

    /** The time left to this thread's invocation; empty when it runs with no deadline. */
    public static Optional<Duration> remaining() {
        LongSupplier remaining = REMAINING_MILLIS.get();
        return remaining == null ? Optional.empty() : Optional.of(Duration.ofMillis(Math.max(0, remaining.getAsLong())));
    }

    /** Whether a retry that first waits {@code wait} still leaves {@link #RESERVE} for itself and the answer. */
    public static boolean allows(Duration wait) {
        return remaining().map(left -> left.minus(wait).compareTo(RESERVE) >= 0).orElse(true);
    }
}

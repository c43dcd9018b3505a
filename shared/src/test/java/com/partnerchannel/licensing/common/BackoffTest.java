package com.partnerchannel.licensing.common;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {
    private final List<Duration> waits = new ArrayList<>();

    @Test
    void theCeilingDoublesFromTheBaseUpToTheCap() {
        Backoff backoff = new Backoff(Backoff.BASE, Backoff.CAP, waits::add, () -> 0.5);

        assertThat(List.of(1, 2, 3, 4, 5, 6, 40)).map(backoff::ceiling).map(Duration::toMillis)
                .containsExactly(10L, 20L, 40L, 80L, 160L, 200L, 200L);
    }

    @Test
    void eachWaitIsARandomShareOfItsCeilingFullJitter() {
        double[] draws = {0.0, 0.999, 0.5};
        int[] next = {0};
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), waits::add, () -> draws[next[0]++]);

        backoff.beforeRetry(1);
        backoff.beforeRetry(2);
        backoff.beforeRetry(5);

        assertThat(waits).containsExactly(Duration.ZERO, Duration.ofMillis(199), Duration.ofMillis(500));
    }

    @Test
    void aRetryThatWouldLeaveLessThanTheReserveOfTheInvocationsTimeIsRefused503InsteadOfWaited() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), waits::add, () -> 0.5);
        long enough = TimeBudget.RESERVE.toMillis() + 50;

        TimeBudget.within(() -> enough, () -> {
            backoff.beforeRetry(1); // waits 50 ms: exactly the reserve is left
            return null;
        });
        assertThatThrownBy(() -> TimeBudget.within(() -> enough, () -> {
            backoff.beforeRetry(2); // would wait 100 ms
            return null;
        })).isInstanceOfSatisfying(Problem.class, problem -> {
            assertThat(problem.kind()).isEqualTo(Problem.Kind.UNAVAILABLE);
            assertThat(problem.retryAfter()).contains(Problem.RETRY_UNAVAILABLE_AFTER);
        });

        assertThat(waits).containsExactly(Duration.ofMillis(50));
        assertThat(TimeBudget.remaining()).isEmpty(); // the budget was the invocation's only
    }
}

package com.partnerchannel.licensing.common;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

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
}

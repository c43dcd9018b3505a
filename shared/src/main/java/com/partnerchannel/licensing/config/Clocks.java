package com.partnerchannel.licensing.config;

import java.time.Clock;
import java.time.Duration;

/**
 * The functions' clock: the system's, in millisecond ticks (what the API answers is exactly what is
 * stored). Nothing else reads the system clock; tests and the local runner give the wiring a clock of
 * their own ({@code Licensing.from(configuration, clock)} and the like).
 */
public final class Clocks {
    private Clocks() {
    }

    public static Clock system() {
        return Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
    }
}

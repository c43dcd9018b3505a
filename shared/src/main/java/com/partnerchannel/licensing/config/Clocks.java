package com.partnerchannel.licensing.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The functions' clock: the system's, in millisecond ticks (what the API answers is exactly what is
 * stored). Only the local runner, which sets the JVM property {@value #ADJUSTABLE} (never an
 * environment variable, so no deployed function can), gets a clock it can move: each reading adds the
 * offset in {@value #OFFSET_MILLIS}, so a user can watch a year pass in a minute.
 */
public final class Clocks {
    public static final String ADJUSTABLE = "licensing.local.adjustableClock";
    public static final String OFFSET_MILLIS = "licensing.local.clockOffsetMillis";

    private Clocks() {
    }

    public static Clock system() {
        Clock system = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
        return Boolean.getBoolean(ADJUSTABLE) ? new Offset(system) : system;
    }

    /** Local mode: from now on, every adjustable clock reads {@code now} (and runs on from there). */
    public static void setLocalNow(Instant now) {
        if (!Boolean.getBoolean(ADJUSTABLE)) throw new IllegalStateException("the clock can only be set in local mode");
        System.setProperty(OFFSET_MILLIS, Long.toString(now.toEpochMilli() - Clock.systemUTC().millis()));
    }

    private static final class Offset extends Clock {
        private final Clock system;

        Offset(Clock system) {
            this.system = system;
        }

        @Override
        public Instant instant() {
            return system.instant().plusMillis(Long.getLong(OFFSET_MILLIS, 0L));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}

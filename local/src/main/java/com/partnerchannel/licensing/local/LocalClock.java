package com.partnerchannel.licensing.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerchannel.licensing.http.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * The clock every function of the runner reads (the runner gives it to their wiring, as a test gives
 * its own): the real time plus an offset, in millisecond ticks. Read, moved forward, reset to the real
 * time, but never moved back before the latest time it has shown, as the data may hold that time and a
 * company made after such a move would be older than its parent. With a data directory that time is kept
 * in {@value #FILE}, so a restart goes on from it.
 */
final class LocalClock {
    static final String FILE = "clock.json";

    /** A move to a time before one the clock has already shown. */
    static final class MovedBack extends RuntimeException {
        final Instant latest;

        MovedBack(String to, Instant latest, boolean kept) {
            super("the clock has already shown " + latest + " and the data may hold times up to then, so it cannot go back to "
                    + to + " (what is made after would be older than what was made before); move it forward only, or, to"
                    + (kept ? " begin again at the real time, start the runner with an empty --data-dir (or none)"
                    : " begin again at the real time, restart the runner (in memory, the data goes with it)"));
            this.latest = latest;
        }
    }

    private final Clock real = Clock.systemUTC();
    private final Optional<Path> file;
    private volatile long offsetMillis;
    private Instant latest;
    /** What the functions read. */
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(real.millis() + offsetMillis);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    };

    private LocalClock(Optional<Path> file, Instant latest) {
        this.file = file;
        this.latest = latest;
    }

    /** At the real time, or at the latest time kept in the data directory when that is later. */
    static LocalClock start(Optional<Path> dataDir) {
        Optional<Path> file = dataDir.map(dir -> dir.resolve(FILE));
        Instant kept = file.flatMap(LocalClock::read).orElse(Instant.EPOCH);
        LocalClock clock = new LocalClock(file, kept);
        if (kept.isAfter(Instant.now())) clock.setNow(kept);
        return clock;
    }

    /** The clock the functions are built with. */
    Clock clock() {
        return clock;
    }

    private void setNow(Instant now) {
        offsetMillis = now.toEpochMilli() - real.millis();
    }

    synchronized Instant now() {
        Instant now = clock.instant();
        if (now.isAfter(latest)) latest = now;
        return now;
    }

    synchronized Instant moveTo(Instant to) {
        now();
        if (to.isBefore(latest)) throw new MovedBack(to.toString(), latest, file.isPresent());
        setNow(to);
        return record();
    }

    /** Back to the real time, which is a move back, refused as one, once the clock has shown a later time. */
    synchronized Instant reset() {
        now();
        Instant realNow = real.instant();
        if (realNow.isBefore(latest)) {
            throw new MovedBack("the real time, " + realNow.truncatedTo(ChronoUnit.MILLIS), latest, file.isPresent());
        }
        offsetMillis = 0;
        return record();
    }

    /** Keeps the latest time shown so far in the data directory (after every request, and at the end). */
    synchronized Instant record() {
        Instant now = now();
        if (file.isPresent()) write(file.get(), latest);
        return now;
    }

    private static Optional<Instant> read(Path file) {
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
            JsonNode json = Json.MAPPER.readTree(Files.readString(file));
            return Optional.of(Instant.parse(json.path("latest").asText()));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(file + " does not hold the clock's latest time (" + e.getMessage()
                    + "); delete it to start the clock at the real time");
        }
    }

    private static void write(Path file, Instant latest) {
        try {
            Path next = file.resolveSibling(FILE + ".next");
            Files.writeString(next, Json.write(Map.of("latest", latest.toString())));
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the clock's latest time in " + file, e);
        }
    }
}

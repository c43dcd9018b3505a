package com.partnerchannel.licensing.common;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class UlidsTest {
    @Test
    void idsAreTwentySixCharactersUniqueAndSortByTime() {
        Ulids early = new Ulids(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
        Ulids late = new Ulids(Clock.fixed(Instant.parse("2026-01-01T00:00:00.001Z"), ZoneOffset.UTC));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) assertThat(seen.add(early.next())).isTrue();
        String a = early.next();
        String b = late.next();
        assertThat(a).hasSize(26).doesNotContain("#").matches("[0-9A-HJKMNP-TV-Z]{26}");
        assertThat(a.compareTo(b)).isNegative();
    }
}

package com.partnerchannel.licensing.dynamodb;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class AttrTest {
    @Test
    void storedTimestampsSortAsTimeEvenWhenOneHasNoFraction() {
        String whole = Attr.time(Instant.parse("2026-03-01T09:00:00Z"));
        String later = Attr.time(Instant.parse("2026-03-01T09:00:00.123Z"));
        assertThat(whole).isEqualTo("2026-03-01T09:00:00.000Z");
        assertThat(whole.compareTo(later)).isNegative();
        assertThat(Instant.parse(later)).isEqualTo(Instant.parse("2026-03-01T09:00:00.123Z"));
    }
}

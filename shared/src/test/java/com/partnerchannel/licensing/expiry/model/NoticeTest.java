package com.partnerchannel.licensing.expiry.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static com.partnerchannel.licensing.expiry.model.NoticeKind.expiry;
import static com.partnerchannel.licensing.expiry.model.NoticeKind.reminder;
import static org.assertj.core.api.Assertions.assertThat;

class NoticeTest {
    private static final Instant EXPIRES = Instant.parse("2026-03-14T10:02:00Z");

    private static Verdict at(NoticeKind kind, Duration fromExpiry) {
        return Notice.verdict(kind, EXPIRES, EXPIRES.plus(fromExpiry));
    }

    @Test
    void theReminderIsDueWithinThe72HoursBeforeTheExpiry() {
        assertThat(at(reminder, Duration.ofHours(-72).minusMillis(1))).isEqualTo(Verdict.NOT_YET);
        assertThat(at(reminder, Duration.ofHours(-72))).isEqualTo(Verdict.SEND);
        assertThat(at(reminder, Duration.ofHours(-1))).isEqualTo(Verdict.SEND);
        assertThat(at(reminder, Duration.ofMillis(-1))).isEqualTo(Verdict.SEND);
    }

    @Test
    void aReminderIsNeverSentAtOrAfterTheExpiryItWarnsOf() {
        assertThat(at(reminder, Duration.ZERO)).isEqualTo(Verdict.SKIP);
        assertThat(at(reminder, Duration.ofDays(1))).isEqualTo(Verdict.SKIP);
        assertThat(at(reminder, Duration.ofDays(30))).isEqualTo(Verdict.SKIP);
    }

    @Test
    void theExpiryNoticeIsDueFromTheExpiryAndCaughtUpForSevenDays() {
        assertThat(at(expiry, Duration.ofMillis(-1))).isEqualTo(Verdict.NOT_YET);
        assertThat(at(expiry, Duration.ZERO)).isEqualTo(Verdict.SEND);
        assertThat(at(expiry, Duration.ofDays(3))).isEqualTo(Verdict.SEND);
        assertThat(at(expiry, Duration.ofDays(7).minusMillis(1))).isEqualTo(Verdict.SEND);
    }

    @Test
    void anExpiryNoticeMoreThanSevenDaysLateIsSkipped() {
        assertThat(at(expiry, Duration.ofDays(7))).isEqualTo(Verdict.SKIP);
        assertThat(at(expiry, Duration.ofDays(8))).isEqualTo(Verdict.SKIP);
    }
}

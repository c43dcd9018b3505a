package com.partnerchannel.licensing.expiry.model;

import com.partnerchannel.licensing.tenancy.model.CompanyId;

import java.time.Duration;
import java.time.Instant;

/**
 * One notice to a customer about the licences that expire at one moment: every pool of the customer
 * with that {@code expiresAt} (or its trial) gives one notice, not one per pool or per learner.
 */
public record Notice(CompanyId companyId, NoticeKind kind, Instant expiresAt, boolean trial) {
    /** The reminder goes out within the 72 hours before the expiry. */
    public static final Duration REMINDER_AHEAD = Duration.ofHours(72);
    /** An expiry notice this late is no longer news: it is recorded as skipped. */
    public static final Duration EXPIRY_LATEST = Duration.ofDays(7);

    /** Rule 11: a reminder only before its expiry; an expiry notice on the day, caught up for at most 7 days. */
    public Verdict verdictAt(Instant now) {
        return verdict(kind, expiresAt, now);
    }

    public static Verdict verdict(NoticeKind kind, Instant expiresAt, Instant now) {
        return switch (kind) {
            case reminder -> now.isBefore(expiresAt.minus(REMINDER_AHEAD)) ? Verdict.NOT_YET
                    : now.isBefore(expiresAt) ? Verdict.SEND : Verdict.SKIP;
            case expiry -> now.isBefore(expiresAt) ? Verdict.NOT_YET
                    : now.isBefore(expiresAt.plus(EXPIRY_LATEST)) ? Verdict.SEND : Verdict.SKIP;
        };
    }
}

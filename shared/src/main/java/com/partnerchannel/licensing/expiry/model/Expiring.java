package com.partnerchannel.licensing.expiry.model;

import com.partnerchannel.licensing.tenancy.model.CompanyId;

import java.time.Instant;
import java.util.Optional;

/**
 * One entry of the expiry index: a licence pool, or a customer's trial. {@code licences} is the pool's
 * seats, or the trial learners; {@code recordedExpired} says whether a sweep has already recorded it.
 */
public record Expiring(CompanyId companyId, Optional<String> poolId, Instant expiresAt, int licences,
                       boolean recordedExpired) {

    public static Expiring pool(CompanyId companyId, String poolId, Instant expiresAt, int seats, boolean recordedExpired) {
        return new Expiring(companyId, Optional.of(poolId), expiresAt, seats, recordedExpired);
    }

    public static Expiring trial(CompanyId companyId, Instant endsAt, int learners, boolean recordedExpired) {
        return new Expiring(companyId, Optional.empty(), endsAt, learners, recordedExpired);
    }

    public boolean isTrial() {
        return poolId.isEmpty();
    }

    /** The notices this entry shares with others of the same customer, trial-ness and moment. */
    public Expiry.Key groupKey() {
        return new Expiry.Key(companyId, expiresAt, isTrial());
    }
}

package com.partnerchannel.licensing.allocation.model;

import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.UserId;

import java.time.Instant;
import java.util.Optional;

/**
 * What a user holds, without the rest of the user: the part a renewal file's row is decided by (is the email a
 * learner's, archived, active now), and what a read of the company's users needs to bring back for it.
 * {@link Learner} answers the same questions through this, so each rule is in one place.
 */
public record LearnerLicence(UserId learnerId, String email, Optional<LicenceStatus> recordedStatus,
                             Optional<LicenceType> licenceType, Optional<Instant> expiresAt) {

    public String emailNormalised() {
        return Learner.normalise(email);
    }

    /** Partner users hold none. */
    public boolean holdsLicences() {
        return recordedStatus.isPresent();
    }

    public boolean isArchived() {
        return recordedStatus.orElse(null) == LicenceStatus.archived;
    }

    /**
     * The status as of {@code now}: a licence whose end has passed is expired, whatever was recorded.
     * A trial licence ends with the company's trial (which an upgrade brings forward to its moment).
     */
    public LicenceStatus statusAt(Instant now, Company company) {
        LicenceStatus recorded = recordedStatus.orElse(LicenceStatus.unlicensed);
        if (recorded != LicenceStatus.active) return recorded;
        return endAt(company).map(end -> now.isBefore(end) ? LicenceStatus.active : LicenceStatus.expired)
                .orElse(LicenceStatus.expired);
    }

    /** When the licence ends: the pool's expiry, or the end of the company's trial. */
    public Optional<Instant> endAt(Company company) {
        if (licenceType.orElse(null) == LicenceType.trial) return company.trialEndsAt();
        return expiresAt;
    }
}

package com.partnerchannel.licensing.expiry.application;

import com.partnerchannel.licensing.expiry.model.Expiring;

import java.time.Instant;
import java.util.List;

/** The expiry index: pools and trials by the moment they expire, across all tenants. */
public interface ExpiringLicences {
    /** Every pool and trial with {@code from <= expiresAt <= to}; read through the index, never by tenant. */
    List<Expiring> between(Instant from, Instant to);

    /**
     * Records that the entry expired: its learners move from the recorded-active to the recorded-expired
     * status, then the entry itself is marked. Idempotent, so a crashed run is finished by the next.
     */
    void recordExpired(Expiring entry, Instant now);
}

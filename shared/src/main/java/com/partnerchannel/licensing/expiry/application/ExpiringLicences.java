package com.partnerchannel.licensing.expiry.application;

import com.partnerchannel.licensing.expiry.model.Expiring;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The expiry index: pools and trials by the moment they expire, across all tenants. */
public interface ExpiringLicences {
    /** Every pool and trial with {@code from <= expiresAt <= to}; read through the index, never by tenant. */
    List<Expiring> between(Instant from, Instant to);

    /**
     * Records that the entry expired: its learners move from the recorded-active to the recorded-expired
     * status, then the entry itself is marked. Idempotent, so a crashed run is finished by the next.
     */
    void recordExpired(Expiring entry, Instant now);

    /** The moment of the latest run that finished every expiry it read, if any has. */
    Optional<Instant> lastCompletedSweep();

    /** Records a run that finished every expiry it read; never moves the moment back (overlapping runs). */
    void sweepCompleted(Instant at);
}

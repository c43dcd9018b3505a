package com.partnerchannel.licensing.expiry.application;

import java.time.Instant;
import java.util.List;

/** What one run of the sweep did. {@code failures} name the expiries it could not finish (a retry will). */
public record Sweep(Instant at, Instant from, Instant to, int entriesRead, int reminders, int expiryNotices,
                    int skipped, int alreadyRecorded, int recordedExpired, List<String> failures) {
    public Sweep {
        failures = List.copyOf(failures);
    }
}

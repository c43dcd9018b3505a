package com.partnerchannel.licensing.allocation.model;

import java.time.Instant;
import java.util.List;

/**
 * A company's pools as one read found them: every pool, soonest expiry first, and those whose assignment
 * still owes seats to the company's unlicensed learners. One read answers both questions a seat taker asks.
 */
public record CompanyPools(List<LicencePool> pools, List<LicencePool> owingSeats) {
    public CompanyPools {
        pools = List.copyOf(pools);
        owingSeats = List.copyOf(owingSeats);
    }

    /** The unexpired pools with a free seat, soonest expiry first (the read's filter, applied in memory). */
    public List<LicencePool> withFreeSeats(Instant now) {
        return pools.stream().filter(pool -> pool.available(now) > 0).toList();
    }
}

package com.partnerchannel.licensing.allocation.model;

import com.partnerchannel.licensing.common.PoolId;

import com.partnerchannel.licensing.common.OrderId;
import com.partnerchannel.licensing.tenancy.model.CompanyId;

import java.time.Instant;
import java.time.ZoneOffset;

/** The seats one assigned order created. All seats expire together, 12 calendar months after assignment. */
public record LicencePool(PoolId poolId, CompanyId companyId, OrderId orderId, int seats, int allocated,
                          Instant startsAt, Instant expiresAt) {

    public static final int TERM_MONTHS = 12;

    public LicencePool {
        if (allocated < 0 || allocated > seats) {
            throw new IllegalStateException("pool " + poolId + " has " + allocated + " of " + seats + " seats allocated");
        }
    }

    /** 12 calendar months later in UTC; 29 February maps to 28 February. */
    public static Instant expiryFor(Instant assignedAt) {
        return assignedAt.atOffset(ZoneOffset.UTC).plusMonths(TERM_MONTHS).toInstant();
    }

    public static LicencePool assigned(PoolId poolId, CompanyId companyId, OrderId orderId, int seats, Instant at) {
        return new LicencePool(poolId, companyId, orderId, seats, 0, at, expiryFor(at));
    }

    /** A pool whose expiry has passed is expired whatever any nightly run recorded. */
    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public String status(Instant now) {
        return isExpired(now) ? "expired" : "active";
    }

    /** An expired pool gives no seats. */
    public int available(Instant now) {
        return isExpired(now) ? 0 : seats - allocated;
    }
}

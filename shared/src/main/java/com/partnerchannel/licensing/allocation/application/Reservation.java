package com.partnerchannel.licensing.allocation.application;

import com.partnerchannel.licensing.common.PoolId;
import com.partnerchannel.licensing.tenancy.model.CompanyId;

import java.time.Instant;
import java.util.Map;

/**
 * Seats taken from pools up front for a renewal too large for one transaction. The renewal then
 * moves them to learners chunk by chunk ({@code used}), and finally returns what was not used.
 */
public record Reservation(CompanyId companyId, String reservationId, Map<PoolId, Integer> reserved,
                          Map<PoolId, Integer> used, boolean open, Instant createdAt) {

    /** A reservation of this renewal: its id is {@code <renewalId>-<attemptId>}. */
    public boolean isOf(String renewalId) {
        return reservationId.startsWith(renewalId + "-");
    }

    /** As it is once {@code taken} more of its seats were used (per pool). */
    public Reservation using(Map<PoolId, Integer> taken) {
        Map<PoolId, Integer> after = new java.util.LinkedHashMap<>(used);
        taken.forEach((pool, seats) -> after.merge(pool, seats, Integer::sum));
        return new Reservation(companyId, reservationId, reserved, after, open, createdAt);
    }

    public int unused(PoolId pool) {
        return reserved.getOrDefault(pool, 0) - used.getOrDefault(pool, 0);
    }
}

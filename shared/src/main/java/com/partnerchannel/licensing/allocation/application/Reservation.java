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

    public int unused(PoolId pool) {
        return reserved.getOrDefault(pool, 0) - used.getOrDefault(pool, 0);
    }
}

package com.partnerchannel.licensing.allocation.application;

import com.partnerchannel.licensing.allocation.model.LicenceCounts;
import com.partnerchannel.licensing.allocation.model.LicencePool;
import com.partnerchannel.licensing.allocation.model.LicenceStatus;
import com.partnerchannel.licensing.tenancy.model.Company;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Pools and licence counts of a company. An expiry in the past counts as expired, recorded or not. */
public final class CountingLicences {
    private final LicencePools pools;
    private final Learners learners;
    private final Clock clock;

    public CountingLicences(LicencePools pools, Learners learners, Clock clock) {
        this.pools = pools;
        this.learners = learners;
        this.clock = clock;
    }

    public LicenceOverview of(Company company) {
        Instant now = clock.instant();
        if (!company.isCustomer()) {
            return new LicenceOverview(List.of(), new LicenceCounts(0, 0, 0, 0, 0), now);
        }
        List<LicencePool> companyPools = pools.ofCompany(company.companyId());
        Map<LicenceStatus, Integer> counts = learners.count(company, now);
        int available = companyPools.stream().mapToInt(pool -> pool.available(now)).sum();
        return new LicenceOverview(companyPools, new LicenceCounts(counts.getOrDefault(LicenceStatus.active, 0),
                counts.getOrDefault(LicenceStatus.expired, 0), counts.getOrDefault(LicenceStatus.unlicensed, 0),
                counts.getOrDefault(LicenceStatus.archived, 0), available), now);
    }
}

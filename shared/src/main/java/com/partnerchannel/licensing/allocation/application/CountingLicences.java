package com.partnerchannel.licensing.allocation.application;

import com.partnerchannel.licensing.allocation.model.LicenceCounts;
import com.partnerchannel.licensing.allocation.model.LicencePool;
import com.partnerchannel.licensing.allocation.model.LicenceStatus;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.LearnerCounts;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Pools and licence counts of a company. An expiry in the past counts as expired, recorded or not. The counts
 * come from the company's counters and its pools' {@code allocated} (docs/data-model.md, "Licence counts on the
 * company item"); a company created before the counters has its learners counted.
 */
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
        int available = companyPools.stream().mapToInt(pool -> pool.available(now)).sum();
        if (company.learnerCounts().isPresent()) {
            return new LicenceOverview(companyPools, fromCounters(company, company.learnerCounts().get(), companyPools,
                    available, now), now);
        }
        Map<LicenceStatus, Integer> counts = learners.count(company, now);
        return new LicenceOverview(companyPools, new LicenceCounts(counts.getOrDefault(LicenceStatus.active, 0),
                counts.getOrDefault(LicenceStatus.expired, 0), counts.getOrDefault(LicenceStatus.unlicensed, 0),
                counts.getOrDefault(LicenceStatus.archived, 0), available), now);
    }

    /**
     * A pool's holders are all active until it ends, all expired after; trial licences are all active while the
     * trial is on, all expired after (the sweep only records what time did already).
     */
    static LicenceCounts fromCounters(Company company, LearnerCounts counters, List<LicencePool> companyPools,
                                      int available, Instant now) {
        int active = 0;
        int expired = 0;
        for (LicencePool pool : companyPools) {
            if (pool.isExpired(now)) expired += pool.allocated();
            else active += pool.allocated();
        }
        if (company.trialOnAt(now)) active += counters.trialLicences();
        else expired += counters.trialLicences();
        return new LicenceCounts(active, expired, counters.unlicensed(), counters.archived(), available);
    }
}

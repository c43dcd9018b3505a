package com.partnerchannel.licensing.allocation.application;

import com.partnerchannel.licensing.allocation.model.LicenceCounts;
import com.partnerchannel.licensing.allocation.model.LicencePool;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.User;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

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
            return new LicenceOverview(List.of(), new LicenceCounts(0, 0, 0, 0), now);
        }
        List<LicencePool> companyPools = pools.ofCompany(company.companyId());
        int active = 0;
        int expired = 0;
        int unlicensed = 0;
        for (User learner : learners.ofCompany(company.companyId())) {
            switch (statusAt(learner, now)) {
                case "active" -> active++;
                case "expired" -> expired++;
                default -> unlicensed++;
            }
        }
        int available = companyPools.stream().mapToInt(pool -> pool.available(now)).sum();
        return new LicenceOverview(companyPools, new LicenceCounts(active, expired, unlicensed, available), now);
    }

    public static String statusAt(User learner, Instant now) {
        String recorded = learner.licenceStatus().orElse("unlicensed");
        if ("active".equals(recorded) && learner.expiresAt().map(end -> !now.isBefore(end)).orElse(false)) {
            return "expired";
        }
        return recorded;
    }
}

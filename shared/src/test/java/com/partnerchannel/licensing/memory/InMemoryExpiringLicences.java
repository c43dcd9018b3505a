package com.partnerchannel.licensing.memory;

import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.allocation.model.LicenceStatus;
import com.partnerchannel.licensing.allocation.model.LicenceType;
import com.partnerchannel.licensing.common.PoolId;
import com.partnerchannel.licensing.expiry.application.ExpiringLicences;
import com.partnerchannel.licensing.expiry.model.Expiring;
import com.partnerchannel.licensing.tenancy.model.CompanyId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@link ExpiringLicences} on an {@link InMemoryTable}: every pool, and the trial of every company still on
 * one, by the moment it expires; recording an expiry moves only the learners still recorded active on that
 * licence and ended by then, as DynamoExpiringLicences' conditional updates do.
 */
public final class InMemoryExpiringLicences implements ExpiringLicences {
    private final InMemoryTable table;

    public InMemoryExpiringLicences(InMemoryTable table) {
        this.table = table;
    }

    @Override
    public List<Expiring> between(Instant from, Instant to) {
        String first = InMemoryTable.time(from);
        String last = InMemoryTable.time(to);
        List<Expiring> entries = new ArrayList<>();
        synchronized (table) {
            table.pools.values().forEach(pools -> pools.values().forEach(row -> {
                String at = InMemoryTable.time(row.pool().expiresAt());
                if (at.compareTo(first) >= 0 && at.compareTo(last) <= 0) {
                    entries.add(Expiring.pool(row.pool().companyId(), row.pool().poolId().value(), row.pool().expiresAt(),
                            row.pool().seats(), row.expiryRecorded()));
                }
            }));
            table.companies.values().forEach(row -> row.company().trialEndsAt().filter(end -> row.company().isTrial())
                    .ifPresent(end -> {
                        String at = InMemoryTable.time(end);
                        if (at.compareTo(first) >= 0 && at.compareTo(last) <= 0) {
                            CompanyId id = row.company().companyId();
                            entries.add(Expiring.trial(id, end, trialHolders(id, l -> true).size(),
                                    row.trialExpiryRecorded()));
                        }
                    }));
        }
        entries.sort(Comparator.comparing(Expiring::expiresAt).thenComparing(e -> e.companyId().value())
                .thenComparing(e -> e.poolId().orElse("")));
        return entries;
    }

    @Override
    public void recordExpired(Expiring entry, Instant now) {
        CompanyId companyId = entry.companyId();
        Predicate<Learner> ended = l -> l.expiresAt()
                .map(at -> InMemoryTable.compare(at, now) <= 0).orElse(false);
        synchronized (table) {
            List<Learner> holders = entry.isTrial() ? trialHolders(companyId, ended)
                    : poolHolders(companyId, new PoolId(entry.poolId().orElseThrow()), ended);
            Map<com.partnerchannel.licensing.tenancy.model.UserId, Learner> learners = table.learnersOf(companyId);
            for (Learner learner : holders) {
                learners.put(learner.learnerId(), new Learner(learner.learnerId(), learner.companyId(), learner.email(),
                        learner.firstName(), learner.lastName(), learner.role(), learner.source(),
                        Optional.of(LicenceStatus.expired), learner.licenceType(), learner.poolId(), learner.expiresAt(),
                        learner.createdAt(), learner.allocationId(), learner.externalId(), learner.updatedAt()));
            }
            if (entry.isTrial()) {
                table.companies.computeIfPresent(companyId, (id, row) -> row.company().isTrial()
                        ? new InMemoryTable.CompanyRow(row.company(), true) : row);
            } else {
                table.poolsOf(companyId).computeIfPresent(new PoolId(entry.poolId().get()),
                        (id, row) -> new InMemoryTable.PoolRow(row.pool(), row.owesSeats(), true));
            }
        }
    }

    /** The learners recorded active on the company's trial licence (no seat, type trial). */
    private List<Learner> trialHolders(CompanyId companyId, Predicate<Learner> filter) {
        return table.learnersOf(companyId).values().stream()
                .filter(l -> l.recordedStatus().equals(Optional.of(LicenceStatus.active)) && l.poolId().isEmpty()
                        && l.licenceType().equals(Optional.of(LicenceType.trial)))
                .filter(filter).toList();
    }

    private List<Learner> poolHolders(CompanyId companyId, PoolId pool, Predicate<Learner> filter) {
        return table.learnersOf(companyId).values().stream()
                .filter(l -> l.recordedStatus().equals(Optional.of(LicenceStatus.active)) && l.poolId().equals(Optional.of(pool)))
                .filter(filter).toList();
    }

    @Override
    public Optional<Instant> lastCompletedSweep() {
        synchronized (table) {
            return table.sweepCheckpoint;
        }
    }

    @Override
    public void sweepCompleted(Instant at) {
        synchronized (table) {
            if (table.sweepCheckpoint.map(done -> done.isBefore(at)).orElse(true)) table.sweepCheckpoint = Optional.of(at);
        }
    }
}

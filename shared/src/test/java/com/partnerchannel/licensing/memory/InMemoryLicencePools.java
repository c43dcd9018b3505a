package com.partnerchannel.licensing.memory;

import com.partnerchannel.licensing.allocation.application.LicencePools;
import com.partnerchannel.licensing.allocation.model.CompanyPools;
import com.partnerchannel.licensing.allocation.model.LicencePool;
import com.partnerchannel.licensing.tenancy.model.CompanyId;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/** {@link LicencePools} on an {@link InMemoryTable}: a company's pools, soonest expiry first. */
public final class InMemoryLicencePools implements LicencePools {
    private final InMemoryTable table;

    public InMemoryLicencePools(InMemoryTable table) {
        this.table = table;
    }

    @Override
    public List<LicencePool> ofCompany(CompanyId companyId) {
        return bySoonestExpiry(rows(companyId, row -> true));
    }

    @Override
    public List<LicencePool> withFreeSeats(CompanyId companyId, Instant now) {
        return bySoonestExpiry(rows(companyId, row -> row.pool().allocated() < row.pool().seats()
                && InMemoryTable.compare(row.pool().expiresAt(), now) > 0));
    }

    @Override
    public List<LicencePool> owingSeats(CompanyId companyId) {
        return rows(companyId, InMemoryTable.PoolRow::owesSeats);
    }

    @Override
    public CompanyPools seating(CompanyId companyId) {
        synchronized (table) {
            return new CompanyPools(ofCompany(companyId), owingSeats(companyId));
        }
    }

    @Override
    public void settled(LicencePool pool) {
        synchronized (table) {
            table.poolsOf(pool.companyId()).computeIfPresent(pool.poolId(),
                    (id, row) -> new InMemoryTable.PoolRow(row.pool(), false, row.expiryRecorded()));
        }
    }

    /** The company's pools in key order (by id), as the table's query reads them. */
    private List<LicencePool> rows(CompanyId companyId, Predicate<InMemoryTable.PoolRow> where) {
        synchronized (table) {
            return table.poolsOf(companyId).values().stream().filter(where).map(InMemoryTable.PoolRow::pool)
                    .sorted(Comparator.comparing(pool -> pool.poolId().value())).toList();
        }
    }

    private static List<LicencePool> bySoonestExpiry(List<LicencePool> pools) {
        return pools.stream().sorted(Comparator.comparing(LicencePool::expiresAt)).toList();
    }
}

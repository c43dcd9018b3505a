package com.partnerchannel.licensing.memory;

import com.partnerchannel.licensing.renewal.application.RenewalImports;
import com.partnerchannel.licensing.renewal.model.ImportId;
import com.partnerchannel.licensing.renewal.model.RenewalImport;
import com.partnerchannel.licensing.tenancy.model.CompanyId;

import java.util.Optional;

/** {@link RenewalImports} on an {@link InMemoryTable}: a save holds only at the version it was read at. */
public final class InMemoryRenewalImports implements RenewalImports {
    private final InMemoryTable table;

    public InMemoryRenewalImports(InMemoryTable table) {
        this.table = table;
    }

    @Override
    public Optional<RenewalImport> get(CompanyId companyId, ImportId importId) {
        synchronized (table) {
            return Optional.ofNullable(table.importsOf(companyId).get(importId));
        }
    }

    @Override
    public void save(RenewalImport updated) {
        synchronized (table) {
            RenewalImport stored = table.importsOf(updated.companyId()).get(updated.importId());
            if (stored == null || stored.version() != updated.version() - 1) throw new Changed(null);
            table.importsOf(updated.companyId()).put(updated.importId(), updated);
        }
    }
}

package com.partnerchannel.licensing.renewal.application;

import com.partnerchannel.licensing.renewal.model.ImportId;
import com.partnerchannel.licensing.renewal.model.RenewalImport;
import com.partnerchannel.licensing.tenancy.model.CompanyId;

import java.util.Optional;

public interface RenewalImports {
    Optional<RenewalImport> get(CompanyId companyId, ImportId importId);

    /**
     * Replaces the import with its next version, on condition that it is still at {@code updated.version() - 1}.
     *
     * @throws Changed when another run changed it first
     */
    void save(RenewalImport updated);

    final class Changed extends RuntimeException {
        public Changed(Throwable cause) {
            super("the renewal import changed meanwhile", cause);
        }
    }
}

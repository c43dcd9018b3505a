package com.partnerchannel.licensing.renewal.application;

import com.partnerchannel.licensing.allocation.application.CompanyAccess;
import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.renewal.model.ImportId;
import com.partnerchannel.licensing.renewal.model.RenewalImport;
import com.partnerchannel.licensing.tenancy.application.Companies;
import com.partnerchannel.licensing.tenancy.model.Actor;
import com.partnerchannel.licensing.tenancy.model.CompanyId;

public final class ViewingRenewalImport {
    private final CompanyAccess access;
    private final RenewalImports imports;

    public ViewingRenewalImport(Companies companies, RenewalImports imports) {
        this.access = new CompanyAccess(companies);
        this.imports = imports;
    }

    public RenewalImport get(Actor actor, CompanyId companyId, ImportId importId) {
        actor.requireManagerOrAdmin();
        access.customer(actor, companyId);
        return imports.get(companyId, importId).orElseThrow(() -> Problem.notFound("renewal import", importId.value()));
    }
}

package com.partnerchannel.licensing.tenancy.application;

import com.partnerchannel.licensing.common.Page;
import com.partnerchannel.licensing.common.PageRequest;
import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.tenancy.model.Access;
import com.partnerchannel.licensing.tenancy.model.Actor;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.CompanyId;

/** The multi-tenant view: one company, or the companies below the caller's. */
public final class ViewingCompanies {
    private final Companies companies;

    public ViewingCompanies(Companies companies) {
        this.companies = companies;
    }

    public Company get(Actor actor, CompanyId id) {
        actor.requireManagerOrAdmin();
        Company company = companies.get(id).orElseThrow(() -> Problem.notFound("company", id.value()));
        return Access.requireVisible(actor, company);
    }

    /**
     * Companies below the caller's company (a platform admin sees the top-level partners, or the
     * companies below {@code parentId}). {@code parentId} narrows to that company's direct children.
     */
    public Page<Company> list(Actor actor, CompanyQuery query, PageRequest page) {
        actor.requireManagerOrAdmin();
        if (query.parentId().isPresent()) {
            Company parent = get(actor, query.parentId().get());
            return companies.below(parent.path(), query, page);
        }
        if (actor.isPlatformAdmin()) {
            return companies.topLevelPartners(query, page);
        }
        Company own = get(actor, actor.companyId());
        return companies.below(own.path(), query, page);
    }
}

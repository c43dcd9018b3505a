package com.partnerchannel.licensing.tenancy.application;

import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.tenancy.application.Companies;
import com.partnerchannel.licensing.tenancy.model.Access;
import com.partnerchannel.licensing.tenancy.model.Actor;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.CompanyId;

/** Loads a customer company the caller manages; anything else is not found (or, for partners, refused). */
public final class CompanyAccess {
    private final Companies companies;

    public CompanyAccess(Companies companies) {
        this.companies = companies;
    }

    public Company customer(Actor actor, CompanyId id) {
        return customer(actor, companies.get(id).orElseThrow(() -> Problem.notFound("company", id.value())));
    }

    /** The same check on a company read already (by {@link #customer(Actor, CompanyId)}, earlier in the request). */
    public static Company customer(Actor actor, Company company) {
        Access.requireVisible(actor, company);
        if (!company.isCustomer()) {
            throw Problem.invalid("companyId", company.name() + " is a partner; learners belong to customer companies");
        }
        return company;
    }
}

package com.partnerchannel.licensing.tenancy.model;

/** Create the company; fails if the id exists. */
public record NewCompany(Company company) implements CompanyChange {
    @Override
    public <R> R accept(Mapping<R> mapping) {
        return mapping.newCompany(this);
    }
}

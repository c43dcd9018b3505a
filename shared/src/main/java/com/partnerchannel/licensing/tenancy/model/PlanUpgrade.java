package com.partnerchannel.licensing.tenancy.model;

/** The company becomes premium and its trial ends, on condition that it is still a trial company. */
public record PlanUpgrade(Company upgraded) implements CompanyChange {
    @Override
    public <R> R accept(Mapping<R> mapping) {
        return mapping.planUpgrade(this);
    }
}

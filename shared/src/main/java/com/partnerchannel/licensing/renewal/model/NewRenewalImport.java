package com.partnerchannel.licensing.renewal.model;

public record NewRenewalImport(RenewalImport renewalImport) implements RenewalImportChange {
    @Override
    public <R> R accept(Mapping<R> mapping) {
        return mapping.newRenewalImport(this);
    }
}

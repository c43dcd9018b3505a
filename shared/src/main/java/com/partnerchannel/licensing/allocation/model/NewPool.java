package com.partnerchannel.licensing.allocation.model;

/** Create the pool; fails if it exists. */
public record NewPool(LicencePool pool) implements AllocationChange {
    @Override
    public <R> R accept(Mapping<R> mapping) {
        return mapping.newPool(this);
    }
}

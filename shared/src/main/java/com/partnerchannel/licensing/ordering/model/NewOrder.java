package com.partnerchannel.licensing.ordering.model;

/** Create the order; fails if it exists. */
public record NewOrder(Order order) implements OrderChange {
    @Override
    public <R> R accept(Mapping<R> mapping) {
        return mapping.newOrder(this);
    }
}

package com.partnerchannel.licensing.ordering.model;

/**
 * Move an order to its new state, on condition that it is still in {@code from}. Two managers acting
 * on one order at once: the second transaction fails this condition and nothing of it is written.
 */
public record OrderTransition(Order order, OrderStatus from) implements OrderChange {
    @Override
    public <R> R accept(Mapping<R> mapping) {
        return mapping.orderTransition(this);
    }
}

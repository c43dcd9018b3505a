package com.partnerchannel.licensing.allocation.model;

/**
 * Create the learner and claim its email in its company; fails if the email is taken there. A learner
 * with a seat also takes it from its pool, on condition that the pool still has one.
 */
public record NewLearner(Learner learner) implements AllocationChange {
    @Override
    public <R> R accept(Mapping<R> mapping) {
        return mapping.newLearner(this);
    }
}

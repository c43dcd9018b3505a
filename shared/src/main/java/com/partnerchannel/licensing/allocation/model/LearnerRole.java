package com.partnerchannel.licensing.allocation.model;

/**
 * A user's role in its company, stored and shown by these names: a learner, or a manager (who is a learner
 * too). Not the token's {@code role} claim ({@link com.partnerchannel.licensing.tenancy.model.Role}), which
 * also has the platform admin, a user of no company.
 */
public enum LearnerRole {
    learner, manager
}

package com.partnerchannel.licensing.tenancy.model;

/** The {@code role} claim of the caller's token. */
public enum Role {
    platform_admin, manager, learner
}

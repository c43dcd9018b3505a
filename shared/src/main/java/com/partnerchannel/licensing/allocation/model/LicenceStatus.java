package com.partnerchannel.licensing.allocation.model;

/** A learner's licence status. {@code archived}: deactivated, holding nothing, records kept (rule 12). */
public enum LicenceStatus {
    active, expired, unlicensed, archived
}

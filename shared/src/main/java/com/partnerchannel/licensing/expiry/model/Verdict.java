package com.partnerchannel.licensing.expiry.model;

/** What a sweep at a given moment does about one notice. */
public enum Verdict {
    /** Too early: a later sweep will see it. */
    NOT_YET,
    /** Due: record it and publish its event. */
    SEND,
    /** Its moment has passed: record it as skipped, send nothing. */
    SKIP
}

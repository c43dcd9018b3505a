package com.partnerchannel.licensing.expiry.model;

/** The two notices about an expiry: a reminder 72 hours before, and the notice on the day. */
public enum NoticeKind {
    reminder,
    expiry
}

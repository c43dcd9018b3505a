package com.partnerchannel.licensing.expiry.model;

/** What the ledger says about one notice: its event was written (the email follows), or it came too late. */
public enum NoticeOutcome {
    published,
    skipped
}

package com.partnerchannel.licensing.renewal.model;

/** Why a row of the file renews nobody. */
public enum NotRenewedReason {
    unknown_email("no learner of this company has this email"),
    already_active("the learner's licence is active"),
    archived("the learner is archived; restore it first"),
    duplicate("the email is in the file more than once"),
    not_an_email("not an email address"),
    empty("no email in this row");

    private final String description;

    NotRenewedReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}

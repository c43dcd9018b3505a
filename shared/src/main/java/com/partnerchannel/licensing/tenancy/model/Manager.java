package com.partnerchannel.licensing.tenancy.model;

/** A user who administers one company. */
public record Manager(UserId userId, String email, String name) {
}

package com.partnerchannel.licensing.tenancy.model;

import com.partnerchannel.licensing.common.Change;

/** Create the user and claim its email in its company; fails if the email is taken there. */
public record NewUser(User user) implements Change {
}

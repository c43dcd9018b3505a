package com.partnerchannel.licensing.tenancy.model;

import com.partnerchannel.licensing.common.Change;

/** Create the company; fails if the id exists. */
public record NewCompany(Company company) implements Change {
}

package com.partnerchannel.licensing.renewal.model;

import com.partnerchannel.licensing.common.Change;

public record NewRenewalImport(RenewalImport renewalImport) implements Change {
}

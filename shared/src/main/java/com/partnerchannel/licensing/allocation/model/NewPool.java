package com.partnerchannel.licensing.allocation.model;

import com.partnerchannel.licensing.common.Change;

/** Create the pool; fails if it exists. */
public record NewPool(LicencePool pool) implements Change {
}

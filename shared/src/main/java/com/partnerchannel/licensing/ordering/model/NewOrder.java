package com.partnerchannel.licensing.ordering.model;

import com.partnerchannel.licensing.common.Change;

/** Create the order; fails if it exists. */
public record NewOrder(Order order) implements Change {
}

package com.partnerchannel.licensing.allocation.model;

/** {@code seats} seats taken from (or, negative, given back to) one pool. */
public record SeatTake(LicencePool pool, int seats) {
}

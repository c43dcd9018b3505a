package com.partnerchannel.licensing.allocation.model;

/** Learners per licence status, and the seats still free in unexpired pools. */
public record LicenceCounts(int active, int expired, int unlicensed, int availableSeats) {
}

package com.partnerchannel.licensing.allocation.model;

/**
 * Learners per licence status, and the seats still free in unexpired pools. Archived learners hold no
 * licence and count in none of the other three.
 */
public record LicenceCounts(int active, int expired, int unlicensed, int archived, int availableSeats) {
}

package com.partnerchannel.licensing.renewal.model;

import java.time.Instant;

/** What the confirm did: learners renewed, left out by the manager, and skipped (changed meanwhile). */
public record ConfirmResult(String analysisId, int renewed, int excluded, int skipped, Instant confirmedAt) {
}

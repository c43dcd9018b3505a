package com.partnerchannel.licensing.allocation.application;

import com.partnerchannel.licensing.allocation.model.LicenceCounts;
import com.partnerchannel.licensing.allocation.model.LicencePool;

import java.time.Instant;
import java.util.List;

/** {@code GET /companies/{id}/licences}: the pools, and learners counted by licence status, as of {@code now}. */
public record LicenceOverview(List<LicencePool> pools, LicenceCounts counts, Instant now) {
}

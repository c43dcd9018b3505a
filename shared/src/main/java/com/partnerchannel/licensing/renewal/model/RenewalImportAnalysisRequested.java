package com.partnerchannel.licensing.renewal.model;

import com.partnerchannel.licensing.common.DomainEvent;

import java.time.Instant;
import java.util.Map;

/** A re-analysis of a large file was accepted: the analysis worker, on its bus rule, does it. */
public record RenewalImportAnalysisRequested(RenewalImport renewalImport, Reanalysis reanalysis) implements DomainEvent {
    public static final String TYPE = "RenewalImportAnalysisRequested";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String companyId() {
        return renewalImport.companyId().value();
    }

    @Override
    public Instant occurredAt() {
        return reanalysis.requestedAt();
    }

    @Override
    public Map<String, Object> detail() {
        return Map.of("companyId", companyId(), "importId", renewalImport.importId().value(),
                "requestId", reanalysis.requestId(), "emailColumn", reanalysis.emailColumn());
    }
}

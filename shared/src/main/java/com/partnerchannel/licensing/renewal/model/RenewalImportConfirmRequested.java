package com.partnerchannel.licensing.renewal.model;

import com.partnerchannel.licensing.common.DomainEvent;

import java.time.Instant;
import java.util.Map;

/** A large confirm was accepted: the confirm worker, on its bus rule, does the renewal. */
public record RenewalImportConfirmRequested(RenewalImport renewalImport, Confirmation confirmation) implements DomainEvent {
    public static final String TYPE = "RenewalImportConfirmRequested";

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
        return confirmation.requestedAt();
    }

    @Override
    public Map<String, Object> detail() {
        return Map.of("companyId", companyId(), "importId", renewalImport.importId().value(),
                "requestId", confirmation.requestId(), "analysisId", confirmation.analysisId());
    }
}

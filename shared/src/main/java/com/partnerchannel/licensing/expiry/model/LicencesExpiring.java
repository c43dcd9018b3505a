package com.partnerchannel.licensing.expiry.model;

import com.partnerchannel.licensing.common.DomainEvent;

import java.time.Instant;
import java.util.Map;

/** The reminder: a customer's licences expire within 72 hours. Emails the customer's managers. */
public record LicencesExpiring(Expiry expiry, String companyName, Instant at) implements DomainEvent {
    @Override
    public String type() {
        return "LicencesExpiring";
    }

    @Override
    public String companyId() {
        return expiry.key().companyId().value();
    }

    @Override
    public Instant occurredAt() {
        return at;
    }

    @Override
    public Map<String, Object> detail() {
        return ExpiryDetail.of(expiry, companyName);
    }
}

package com.partnerchannel.licensing.expiry.model;

import com.partnerchannel.licensing.common.DomainEvent;

import java.time.Instant;
import java.util.Map;

/** The expiry notice: a customer's licences expired. Emails the customer's managers. */
public record LicencesExpired(Expiry expiry, String companyName, Instant at) implements DomainEvent {
    @Override
    public String type() {
        return "LicencesExpired";
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

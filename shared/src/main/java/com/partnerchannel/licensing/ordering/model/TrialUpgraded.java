package com.partnerchannel.licensing.ordering.model;

import com.partnerchannel.licensing.common.DomainEvent;
import com.partnerchannel.licensing.tenancy.model.Company;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A trial company became premium: its trial licences expired at that moment. */
public record TrialUpgraded(Company company, Order order, Instant at) implements DomainEvent {
    @Override
    public String type() {
        return "TrialUpgraded";
    }

    @Override
    public String companyId() {
        return company.companyId().value();
    }

    @Override
    public Instant occurredAt() {
        return at;
    }

    @Override
    public Map<String, Object> detail() {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("companyId", companyId());
        detail.put("companyName", company.name());
        detail.put("orderId", order.orderId().value());
        detail.put("seats", order.quantity());
        detail.put("upgradedAt", at.toString());
        return detail;
    }
}

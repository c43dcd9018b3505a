package com.partnerchannel.licensing.tenancy.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A tenant. Companies form a tree; {@code path} runs from the top-level partner to this company. */
public record Company(
        CompanyId companyId,
        String name,
        CompanyKind kind,
        Optional<CompanyId> parentId,
        TreePath path,
        Optional<Plan> plan,
        Instant createdAt,
        Optional<Instant> trialEndsAt,
        List<Manager> managers) {

    public static final int TRIAL_DAYS = 30;

    public Company {
        managers = List.copyOf(managers);
    }

    public boolean isCustomer() {
        return kind == CompanyKind.customer;
    }

    public boolean isPartner() {
        return kind == CompanyKind.partner;
    }

    public boolean isTrial() {
        return plan.filter(p -> p == Plan.trial).isPresent();
    }

    public CompanyId rootId() {
        return path.rootId();
    }
}

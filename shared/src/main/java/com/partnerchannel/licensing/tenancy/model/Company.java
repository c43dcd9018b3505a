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
        List<Manager> managers,
        Optional<LearnerCounts> learnerCounts) {

    public static final int TRIAL_DAYS = 30;

    public Company {
        managers = List.copyOf(managers);
    }

    /** A company whose item carries no licence counters (a partner, or a customer created before them). */
    public Company(CompanyId companyId, String name, CompanyKind kind, Optional<CompanyId> parentId, TreePath path,
                   Optional<Plan> plan, Instant createdAt, Optional<Instant> trialEndsAt, List<Manager> managers) {
        this(companyId, name, kind, parentId, path, plan, createdAt, trialEndsAt, managers, Optional.empty());
    }

    public Company withLearnerCounts(LearnerCounts counts) {
        return new Company(companyId, name, kind, parentId, path, plan, createdAt, trialEndsAt, managers,
                Optional.of(counts));
    }

    /** The trial is on at {@code now}: the plan is trial and its end is still to come (trial licences are active). */
    public boolean trialOnAt(Instant now) {
        return isTrial() && trialEndsAt.map(now::isBefore).orElse(false);
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

    /** Premium from {@code at}: the trial, and every trial licence with it, ends at that moment. */
    public Company upgradedAt(java.time.Instant at) {
        Instant trialEnd = trialEndsAt.filter(end -> end.isBefore(at)).orElse(at);
        return new Company(companyId, name, kind, parentId, path, Optional.of(Plan.premium), createdAt,
                Optional.of(trialEnd), managers, learnerCounts);
    }

    public CompanyId rootId() {
        return path.rootId();
    }
}

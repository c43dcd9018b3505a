package com.partnerchannel.licensing.onboarding.application;

import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.ordering.model.Order;
import com.partnerchannel.licensing.tenancy.model.Company;

import java.util.List;
import java.util.Optional;

/**
 * A company as {@code POST /companies} made it: its managers as learners (a customer's hold a licence or
 * are unlicensed; a partner's hold none), and the initial order, assigned, if one was placed.
 */
public record CreatedCompany(Company company, List<Learner> managers, Optional<Order> initialOrder) {
    public CreatedCompany {
        managers = List.copyOf(managers);
    }
}

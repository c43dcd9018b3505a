package com.partnerchannel.licensing.ordering.application;

import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.ordering.model.Order;
import com.partnerchannel.licensing.common.OrderId;
import com.partnerchannel.licensing.tenancy.application.Companies;
import com.partnerchannel.licensing.tenancy.model.Access;
import com.partnerchannel.licensing.tenancy.model.Actor;
import com.partnerchannel.licensing.tenancy.model.Company;

/** Loads an order the caller may see; any other order answers 404, as if it did not exist. */
final class OrderAccess {
    private final Orders orders;
    private final Companies companies;

    OrderAccess(Orders orders, Companies companies) {
        this.orders = orders;
        this.companies = companies;
    }

    record Visible(Order order, Company company) {
    }

    Visible load(Actor actor, OrderId id) {
        actor.requireManagerOrAdmin();
        Order order = orders.get(id).orElseThrow(() -> Problem.notFound("order", id.value()));
        Company company = companies.get(order.companyId()).orElseThrow(() -> Problem.notFound("order", id.value()));
        if (!Access.canSee(actor, company)) throw Problem.notFound("order", id.value());
        return new Visible(order, company);
    }
}

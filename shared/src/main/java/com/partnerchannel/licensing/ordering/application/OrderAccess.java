package com.partnerchannel.licensing.ordering.application;

import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.ordering.model.Order;
import com.partnerchannel.licensing.common.OrderId;
import com.partnerchannel.licensing.tenancy.application.Companies;
import com.partnerchannel.licensing.tenancy.model.Access;
import com.partnerchannel.licensing.tenancy.model.Actor;
import com.partnerchannel.licensing.tenancy.model.Company;

/**
 * Loads an order the caller may see; any other order answers 404, as if it did not exist. Whether the
 * caller may see it follows from the path of its company, which the order carries (companies never move in
 * the tree), so an order alone is one read; {@link #load} also reads the company, for what needs more of it.
 */
final class OrderAccess {
    private final Orders orders;
    private final Companies companies;

    OrderAccess(Orders orders, Companies companies) {
        this.orders = orders;
        this.companies = companies;
    }

    record Visible(Order order, Company company) {
    }

    Order order(Actor actor, OrderId id) {
        actor.requireManagerOrAdmin();
        Order order = orders.get(id).orElseThrow(() -> Problem.notFound("order", id.value()));
        if (!Access.canSee(actor, order.companyPath())) throw Problem.notFound("order", id.value());
        return order;
    }

    Visible load(Actor actor, OrderId id) {
        Order order = order(actor, id);
        Company company = companies.get(order.companyId()).orElseThrow(() -> Problem.notFound("order", id.value()));
        return new Visible(order, company);
    }

    /** The company of an order, for a refusal that names it. */
    Company companyOf(Order order) {
        return companies.get(order.companyId()).orElseThrow(() -> Problem.notFound("order", order.orderId().value()));
    }
}

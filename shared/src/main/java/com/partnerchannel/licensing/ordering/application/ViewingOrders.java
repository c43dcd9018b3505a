package com.partnerchannel.licensing.ordering.application;

import com.partnerchannel.licensing.common.Page;
import com.partnerchannel.licensing.common.PageRequest;
import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.ordering.model.Order;
import com.partnerchannel.licensing.common.OrderId;
import com.partnerchannel.licensing.ordering.model.OrderStatus;
import com.partnerchannel.licensing.tenancy.application.Companies;
import com.partnerchannel.licensing.tenancy.model.Access;
import com.partnerchannel.licensing.tenancy.model.Actor;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.CompanyId;

import java.util.Optional;

/** One order, a company's orders, or a partner's orders across its whole subtree ("Requested Orders"). */
public final class ViewingOrders {
    private final Orders orders;
    private final Companies companies;
    private final OrderAccess access;

    public ViewingOrders(Orders orders, Companies companies) {
        this.orders = orders;
        this.companies = companies;
        this.access = new OrderAccess(orders, companies);
    }

    public Order get(Actor actor, OrderId id) {
        return access.order(actor, id);
    }

    public Page<Order> ofCompany(Actor actor, CompanyId companyId, Optional<OrderStatus> status, PageRequest page) {
        visibleCompany(actor, companyId);
        return orders.ofCompany(companyId, status, page);
    }

    public Page<Order> inSubtree(Actor actor, OrderQuery query, PageRequest page) {
        actor.requireManagerOrAdmin();
        if (actor.isPlatformAdmin() && query.companyId().isEmpty()) {
            throw Problem.invalid("companyId", "a platform admin lists the orders of one company at a time");
        }
        Company root = query.companyId().isPresent()
                ? visibleCompany(actor, query.companyId().get())
                : visibleCompany(actor, actor.companyId());
        return orders.inSubtree(root.path(), query, page);
    }

    private Company visibleCompany(Actor actor, CompanyId id) {
        actor.requireManagerOrAdmin();
        Company company = companies.get(id).orElseThrow(() -> Problem.notFound("company", id.value()));
        return Access.requireVisible(actor, company);
    }
}

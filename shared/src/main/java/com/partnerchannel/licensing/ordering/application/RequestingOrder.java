package com.partnerchannel.licensing.ordering.application;

import com.partnerchannel.licensing.common.Decision;
import com.partnerchannel.licensing.common.Ids;
import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.common.Publish;
import com.partnerchannel.licensing.common.Validation;
import com.partnerchannel.licensing.ordering.model.NewOrder;
import com.partnerchannel.licensing.ordering.model.Order;
import com.partnerchannel.licensing.common.OrderId;
import com.partnerchannel.licensing.ordering.model.OrderKind;
import com.partnerchannel.licensing.ordering.model.OrderRequested;
import com.partnerchannel.licensing.tenancy.application.Companies;
import com.partnerchannel.licensing.tenancy.model.Access;
import com.partnerchannel.licensing.tenancy.model.Actor;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.CompanyId;

import java.time.Clock;
import java.util.Optional;

/**
 * A customer manager, or a partner manager acting on the customer, requests N licences: {@code new},
 * or {@code upgrade} for a trial company. The customer's parent partner hears of it.
 */
public final class RequestingOrder {
    private final Companies companies;
    private final Ids ids;
    private final Clock clock;

    public RequestingOrder(Companies companies, Ids ids, Clock clock) {
        this.companies = companies;
        this.ids = ids;
        this.clock = clock;
    }

    public Decision<Order> request(Actor actor, CompanyId companyId, RequestOrder request) {
        actor.requireManagerOrAdmin();
        Company company = companies.get(companyId).orElseThrow(() -> Problem.notFound("company", companyId.value()));
        Access.requireVisible(actor, company);
        Validation validation = new Validation();
        if (!company.isCustomer()) {
            validation.add("companyId", "company " + companyId + " is a partner; licences are ordered for customers");
        }
        if (request.quantity() == null) {
            validation.add("quantity", "is required");
        } else if (request.quantity() < Order.MIN_QUANTITY || request.quantity() > Order.MAX_QUANTITY) {
            validation.add("quantity", "must be from " + Order.MIN_QUANTITY + " to " + Order.MAX_QUANTITY
                    + " (was " + request.quantity() + ")");
        }
        OrderKind kind = null;
        if (request.kind() == null) {
            kind = company.isTrial() ? OrderKind.upgrade : OrderKind.new_;
        } else {
            kind = OrderKind.fromWire(request.kind()).orElse(null);
            if (kind == null) validation.add("kind", "must be new or upgrade (was '" + request.kind() + "')");
        }
        if (company.isCustomer() && kind == OrderKind.upgrade && !company.isTrial()) {
            validation.add("kind", "upgrade is for trial companies; " + company.name() + " is premium, order new");
        }
        if (company.isCustomer() && kind == OrderKind.new_ && company.isTrial()) {
            validation.add("kind", company.name() + " is on a trial: order an upgrade to premium");
        }
        String purchaseOrderRef = validation.optionalText("purchaseOrderRef", request.purchaseOrderRef(), 100);
        String note = validation.optionalMultiLineText("note", request.note(), 1000);
        validation.throwIfInvalid();

        Order order = Order.requested(new OrderId(ids.next()), companyId, company.path(), request.quantity(), kind,
                Optional.ofNullable(purchaseOrderRef), Optional.ofNullable(note), clock.instant(), actor.userId(),
                actor.companyId());
        return Decision.of(order, new NewOrder(order), new Publish(ids.next(),
                new OrderRequested(order, company.name(), company.parentId().map(CompanyId::value).orElse(null))));
    }
}

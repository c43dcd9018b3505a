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
import java.util.function.Function;

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
        return request(actor, companyId, company -> request);
    }

    /**
     * {@code read} reads the request for the company once the actor may order for it: a learner, or a caller
     * who cannot see the company, is refused whatever it sent, and a manager hears every problem at once.
     */
    public Decision<Order> request(Actor actor, CompanyId companyId, Function<Company, RequestOrder> read) {
        actor.requireManagerOrAdmin();
        Company company = companies.get(companyId).orElseThrow(() -> Problem.notFound("company", companyId.value()));
        Access.requireVisible(actor, company);
        RequestOrder request = read.apply(company);
        OrderKind kind = RequestOrder.kindFor(company, request.kind());
        Validation validation = new Validation();
        RequestOrder.customerProblem(company).ifPresent(problem -> validation.add("companyId", problem));
        RequestOrder.kindProblem(company, kind).ifPresent(problem -> validation.add("kind", problem));
        validation.throwIfInvalid();

        Order order = Order.requested(new OrderId(ids.next()), companyId, company.path(), request.quantity(), kind,
                request.purchaseOrderRef(), request.note(), clock.instant(), actor.userId(), actor.companyId());
        return Decision.of(order, new NewOrder(order), new Publish(ids.next(),
                new OrderRequested(order, company.name(), company.parentId().map(CompanyId::value).orElse(null))));
    }
}

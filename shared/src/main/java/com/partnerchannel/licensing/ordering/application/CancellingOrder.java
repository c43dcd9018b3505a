package com.partnerchannel.licensing.ordering.application;

import com.partnerchannel.licensing.common.Decision;
import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.ordering.model.Order;
import com.partnerchannel.licensing.common.OrderId;
import com.partnerchannel.licensing.ordering.model.OrderStatus;
import com.partnerchannel.licensing.ordering.model.OrderTransition;
import com.partnerchannel.licensing.tenancy.application.Companies;
import com.partnerchannel.licensing.tenancy.model.Actor;

import java.time.Clock;

/**
 * The requester withdraws a requested order. "The requester" is the user who requested it or a
 * fellow manager of the company they requested it from, so an absent colleague's order can go too.
 */
public final class CancellingOrder {
    private final OrderAccess access;
    private final Clock clock;

    public CancellingOrder(Orders orders, Companies companies, Clock clock) {
        this.access = new OrderAccess(orders, companies);
        this.clock = clock;
    }

    public Decision<Order> cancel(Actor actor, OrderId id) {
        Order order = access.order(actor, id);
        boolean requester = order.requestedBy().equals(actor.userId())
                || order.requestedByCompanyId().equals(actor.companyId());
        if (!requester) {
            throw Problem.forbidden("only the requester's company can cancel order " + id + "; a partner rejects it");
        }
        Order cancelled = order.cancel(clock.instant());
        return Decision.of(cancelled, new OrderTransition(cancelled, OrderStatus.requested));
    }
}

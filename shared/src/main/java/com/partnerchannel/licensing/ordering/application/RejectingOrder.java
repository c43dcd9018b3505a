package com.partnerchannel.licensing.ordering.application;

import com.partnerchannel.licensing.common.Decision;
import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.common.Validation;
import com.partnerchannel.licensing.ordering.model.Order;
import com.partnerchannel.licensing.common.OrderId;
import com.partnerchannel.licensing.ordering.model.OrderStatus;
import com.partnerchannel.licensing.ordering.model.OrderTransition;
import com.partnerchannel.licensing.tenancy.application.Companies;
import com.partnerchannel.licensing.tenancy.model.Access;
import com.partnerchannel.licensing.tenancy.model.Actor;

import java.time.Clock;

/** A manager of a partner above the customer turns a requested order down, saying why. */
public final class RejectingOrder {
    private final OrderAccess access;
    private final Clock clock;

    public RejectingOrder(Orders orders, Companies companies, Clock clock) {
        this.access = new OrderAccess(orders, companies);
        this.clock = clock;
    }

    public Decision<Order> reject(Actor actor, OrderId id, String reason) {
        Order order = access.order(actor, id);
        if (!Access.isAbove(actor, order.companyId(), order.companyPath())) {
            throw Problem.forbidden("only a manager of a partner above " + access.companyOf(order).name()
                    + " can reject its orders");
        }
        Validation validation = new Validation();
        String trimmed = validation.requireMultiLineText("reason", reason, 1000);
        validation.throwIfInvalid();
        Order rejected = order.reject(trimmed, clock.instant());
        return Decision.of(rejected, new OrderTransition(rejected, OrderStatus.requested));
    }
}

package com.partnerchannel.licensing.ordering.application;

import com.partnerchannel.licensing.allocation.model.LicencePool;
import com.partnerchannel.licensing.allocation.model.NewPool;
import com.partnerchannel.licensing.common.PoolId;
import com.partnerchannel.licensing.allocation.application.SeatingUnlicensed;
import com.partnerchannel.licensing.common.Change;
import com.partnerchannel.licensing.ordering.model.OrderKind;
import com.partnerchannel.licensing.ordering.model.TrialUpgraded;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.PlanUpgrade;
import java.util.ArrayList;
import java.util.List;
import com.partnerchannel.licensing.common.Decision;
import com.partnerchannel.licensing.common.Ids;
import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.common.Publish;
import com.partnerchannel.licensing.ordering.model.Order;
import com.partnerchannel.licensing.ordering.model.OrderAssigned;
import com.partnerchannel.licensing.common.OrderId;
import com.partnerchannel.licensing.ordering.model.OrderStatus;
import com.partnerchannel.licensing.ordering.model.OrderTransition;
import com.partnerchannel.licensing.tenancy.application.Companies;
import com.partnerchannel.licensing.tenancy.model.Access;
import com.partnerchannel.licensing.tenancy.model.Actor;

import java.time.Clock;
import java.time.Instant;

/**
 * A manager of any partner above the customer assigns a requested order: that creates the licence
 * pool, which starts now and expires 12 calendar months later. Unlicensed learners of the company
 * then take the new seats, oldest first. Assigning an {@code upgrade} order ends the company's trial
 * (and every trial licence) at that moment and makes it premium; the new seats are left for the
 * manager to allocate.
 */
public final class AssigningOrder {
    private final OrderAccess access;
    private final SeatingUnlicensed seatingUnlicensed;
    private final Ids ids;
    private final Clock clock;

    public AssigningOrder(Orders orders, Companies companies, SeatingUnlicensed seatingUnlicensed, Ids ids, Clock clock) {
        this.access = new OrderAccess(orders, companies);
        this.seatingUnlicensed = seatingUnlicensed;
        this.ids = ids;
        this.clock = clock;
    }

    public Decision<Order> assign(Actor actor, OrderId id) {
        OrderAccess.Visible visible = access.load(actor, id);
        if (!Access.isAbove(actor, visible.company())) {
            throw Problem.forbidden("only a manager of a partner above " + visible.company().name()
                    + " can assign its orders");
        }
        Instant now = clock.instant();
        PoolId poolId = new PoolId(ids.next());
        Order assigned = visible.order().assign(poolId, actor.userId(), now);
        LicencePool pool = LicencePool.assigned(poolId, assigned.companyId(), assigned.orderId(), assigned.quantity(), now);
        Company company = visible.company();
        List<Change> changes = new ArrayList<>(List.of(
                new OrderTransition(assigned, OrderStatus.requested),
                new NewPool(pool),
                new Publish(ids.next(), new OrderAssigned(assigned, pool, company.name()))));
        if (assigned.kind() == OrderKind.upgrade) {
            if (!company.isTrial()) {
                throw Problem.conflict(company.name() + " is premium already; an upgrade order cannot be assigned");
            }
            Company upgraded = company.upgradedAt(now);
            changes.add(new PlanUpgrade(upgraded));
            changes.add(new Publish(ids.next(), new TrialUpgraded(upgraded, assigned, now)));
            return new Decision<>(assigned, changes, () -> seatingUnlicensed.settle(upgraded));
        }
        return new Decision<>(assigned, changes, () -> seatingUnlicensed.settle(company));
    }
}

package com.partnerchannel.licensing.contract;

import com.partnerchannel.licensing.common.OrderId;
import com.partnerchannel.licensing.common.Page;
import com.partnerchannel.licensing.common.PageRequest;
import com.partnerchannel.licensing.common.PoolId;
import com.partnerchannel.licensing.ordering.application.OrderQuery;
import com.partnerchannel.licensing.ordering.application.Orders;
import com.partnerchannel.licensing.ordering.model.NewOrder;
import com.partnerchannel.licensing.ordering.model.Order;
import com.partnerchannel.licensing.ordering.model.OrderKind;
import com.partnerchannel.licensing.ordering.model.OrderStatus;
import com.partnerchannel.licensing.ordering.model.OrderTransition;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.Plan;
import com.partnerchannel.licensing.tenancy.model.UserId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Orders}: by id, a company's oldest first, a subtree's in tree order with the list's filters. */
public abstract class OrdersContract extends PortContract {

    private Order anOrderFor(Company customer, OrderKind kind) {
        Order order = Order.requested(new OrderId(ids.next()), customer.companyId(), customer.path(), 3, kind,
                Optional.of("PO-1"), Optional.empty(), clock.instant(), new UserId("u1"), customer.companyId());
        commit(new NewOrder(order));
        clock.advance(Duration.ofMinutes(1));
        return order;
    }

    private Order assigned(Order order) {
        Order assigned = order.assign(new PoolId(ids.next()), new UserId("p1"), clock.instant());
        commit(new OrderTransition(assigned, OrderStatus.requested));
        return assigned;
    }

    private List<Order> every(java.util.function.Function<PageRequest, Page<Order>> list) {
        List<Order> all = new ArrayList<>();
        Page<Order> page = list.apply(PageRequest.first(1));
        all.addAll(page.items());
        while (page.nextCursor() != null) {
            page = list.apply(new PageRequest(1, page.nextCursor()));
            all.addAll(page.items());
        }
        return all;
    }

    @Test
    void anOrderIsReadByItsIdAlone() {
        Order order = anOrderFor(aCustomer(Plan.premium), OrderKind.new_);
        assertThat(ports.orders().get(order.orderId())).contains(order);
        assertThat(ports.orders().get(new OrderId(ids.next()))).isEmpty();
    }

    @Test
    void aCompanysOrdersComeOldestFirstAndByStatus() {
        Company acme = aCustomer(Plan.premium);
        Order first = anOrderFor(acme, OrderKind.new_);
        Order second = assigned(anOrderFor(acme, OrderKind.new_));
        Order third = anOrderFor(acme, OrderKind.new_);
        anOrderFor(aCustomer(Plan.premium), OrderKind.new_);
        assertThat(every(page -> ports.orders().ofCompany(acme.companyId(), Optional.empty(), page)))
                .containsExactly(first, second, third);
        assertThat(ports.orders().ofCompany(acme.companyId(), Optional.of(OrderStatus.requested), PageRequest.first(50))
                .items()).containsExactly(first, third);
    }

    @Test
    void aSubtreesOrdersComeInTreeOrderThenOldestFirst() {
        Company distributor = aPartner("Distributor");
        Company acme = aCustomerUnder(distributor, "Acme", Plan.premium);
        Company globex = aCustomerUnder(distributor, "Globex", Plan.trial);
        Order a1 = anOrderFor(acme, OrderKind.new_);
        Order g1 = anOrderFor(globex, OrderKind.upgrade);
        Order a2 = assigned(anOrderFor(acme, OrderKind.new_));
        anOrderFor(aCustomer(Plan.premium), OrderKind.new_);

        List<Order> all = every(page -> ports.orders().inSubtree(distributor.path(), OrderQuery.all(), page));
        assertThat(all).containsExactlyInAnyOrder(a1, g1, a2);
        assertThat(all.stream().map(o -> o.companyPath().value()).toList()).isSorted();
        assertThat(all.indexOf(a1)).isLessThan(all.indexOf(a2));
        assertThat(every(page -> ports.orders().inSubtree(acme.path(), OrderQuery.all(), page))).containsExactly(a1, a2);
        assertThat(every(page -> ports.orders().inSubtree(distributor.path(), new OrderQuery(Optional.of(OrderStatus.requested),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), page))).containsExactlyInAnyOrder(a1, g1);
        assertThat(every(page -> ports.orders().inSubtree(distributor.path(), new OrderQuery(Optional.empty(),
                Optional.empty(), Optional.of(OrderKind.upgrade), Optional.empty(), Optional.empty()), page))).containsExactly(g1);
    }

    @Test
    void fromAndToBoundTheRequestTimeBothInclusive() {
        Company acme = aCustomer(Plan.premium);
        Order first = anOrderFor(acme, OrderKind.new_);
        Order second = anOrderFor(acme, OrderKind.new_);
        Order third = anOrderFor(acme, OrderKind.new_);
        Instant from = second.requestedAt();
        Instant to = third.requestedAt();
        assertThat(ports.orders().inSubtree(acme.path(), new OrderQuery(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(from), Optional.of(to)), PageRequest.first(50)).items()).containsExactly(second, third);
        assertThat(ports.orders().inSubtree(acme.path(), new OrderQuery(Optional.of(OrderStatus.requested), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(from)), PageRequest.first(50)).items()).containsExactly(first, second);
    }
}

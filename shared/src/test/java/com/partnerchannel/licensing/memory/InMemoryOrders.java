package com.partnerchannel.licensing.memory;

import com.partnerchannel.licensing.common.OrderId;
import com.partnerchannel.licensing.common.Page;
import com.partnerchannel.licensing.common.PageRequest;
import com.partnerchannel.licensing.ordering.application.OrderQuery;
import com.partnerchannel.licensing.ordering.application.Orders;
import com.partnerchannel.licensing.ordering.model.Order;
import com.partnerchannel.licensing.ordering.model.OrderStatus;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.TreePath;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** {@link Orders} on an {@link InMemoryTable}: a company's by id (oldest first), a subtree's in tree order. */
public final class InMemoryOrders implements Orders {
    private final InMemoryTable table;

    public InMemoryOrders(InMemoryTable table) {
        this.table = table;
    }

    @Override
    public Optional<Order> get(OrderId id) {
        synchronized (table) {
            return Optional.ofNullable(table.orders.get(id));
        }
    }

    @Override
    public Page<Order> ofCompany(CompanyId companyId, Optional<OrderStatus> status, PageRequest page) {
        return InMemoryTable.page(matching(order -> order.companyId().equals(companyId)
                && status.map(s -> order.status() == s).orElse(true)), order -> order.orderId().value(), page);
    }

    @Override
    public Page<Order> inSubtree(TreePath path, OrderQuery query, PageRequest page) {
        return InMemoryTable.page(matching(order -> order.companyPath().isWithin(path)
                        && query.status().map(s -> order.status() == s).orElse(true)
                        && query.from().map(from -> !order.requestedAt().isBefore(from)).orElse(true)
                        && query.to().map(to -> !order.requestedAt().isAfter(to)).orElse(true)
                        && query.kind().map(kind -> order.kind() == kind).orElse(true)),
                order -> order.companyPath().value() + InMemoryTable.time(order.requestedAt()) + "#" + order.orderId().value(),
                page);
    }

    private List<Order> matching(Predicate<Order> where) {
        synchronized (table) {
            return table.orders.values().stream().filter(where).toList();
        }
    }
}

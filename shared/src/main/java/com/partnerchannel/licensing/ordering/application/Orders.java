package com.partnerchannel.licensing.ordering.application;

import com.partnerchannel.licensing.common.Page;
import com.partnerchannel.licensing.common.PageRequest;
import com.partnerchannel.licensing.ordering.model.Order;
import com.partnerchannel.licensing.common.OrderId;
import com.partnerchannel.licensing.ordering.model.OrderStatus;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.TreePath;

import java.util.Optional;

public interface Orders {
    Optional<Order> get(OrderId id);

    /** One company's orders, oldest first. */
    Page<Order> ofCompany(CompanyId companyId, Optional<OrderStatus> status, PageRequest page);

    /** Orders of every company at or below {@code path}, in tree order then oldest first. */
    Page<Order> inSubtree(TreePath path, OrderQuery query, PageRequest page);
}

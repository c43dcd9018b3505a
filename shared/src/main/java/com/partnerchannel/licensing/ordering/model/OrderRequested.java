package com.partnerchannel.licensing.ordering.model;

import com.partnerchannel.licensing.common.DomainEvent;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Emails the managers of the customer's parent partner, who assign it; an order placed with its company
 * ({@code assignedOnCreation}) was assigned in the same transaction, so it asks nobody.
 */
public record OrderRequested(Order order, String companyName, String parentId, boolean assignedOnCreation)
        implements DomainEvent {

    /** An order that waits for a partner to assign it. */
    public OrderRequested(Order order, String companyName, String parentId) {
        this(order, companyName, parentId, false);
    }

    @Override
    public String type() {
        return "OrderRequested";
    }

    @Override
    public String companyId() {
        return order.companyId().value();
    }

    @Override
    public Instant occurredAt() {
        return order.requestedAt();
    }

    @Override
    public Map<String, Object> detail() {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("orderId", order.orderId().value());
        detail.put("companyId", companyId());
        detail.put("companyName", companyName);
        detail.put("parentId", parentId);
        detail.put("quantity", order.quantity());
        detail.put("kind", order.kind().wire());
        detail.put("requestedBy", order.requestedBy().value());
        detail.put("requestedAt", order.requestedAt().toString());
        order.purchaseOrderRef().ifPresent(ref -> detail.put("purchaseOrderRef", ref));
        order.note().ifPresent(note -> detail.put("note", note));
        detail.put("assignedOnCreation", assignedOnCreation);
        return detail;
    }
}

package com.partnerchannel.licensing.ordering.model;

import com.partnerchannel.licensing.allocation.model.LicencePool;
import com.partnerchannel.licensing.common.DomainEvent;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Emails the customer's managers that licences are ready to allocate: the pool's seats, less those its
 * holders took in the same transaction (the managers named when the company was created with its order).
 */
public record OrderAssigned(Order order, LicencePool pool, String companyName) implements DomainEvent {
    @Override
    public String type() {
        return "OrderAssigned";
    }

    @Override
    public String companyId() {
        return order.companyId().value();
    }

    @Override
    public Instant occurredAt() {
        return pool.startsAt();
    }

    @Override
    public Map<String, Object> detail() {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("orderId", order.orderId().value());
        detail.put("companyId", companyId());
        detail.put("companyName", companyName);
        detail.put("poolId", pool.poolId().value());
        detail.put("seats", pool.seats());
        detail.put("allocated", pool.allocated());
        detail.put("kind", order.kind().wire());
        detail.put("startsAt", pool.startsAt().toString());
        detail.put("expiresAt", pool.expiresAt().toString());
        return detail;
    }
}

package com.partnerchannel.licensing.ordering.model;

import com.partnerchannel.licensing.common.OrderId;

import com.partnerchannel.licensing.common.PoolId;
import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.TreePath;
import com.partnerchannel.licensing.tenancy.model.UserId;

import java.time.Instant;
import java.util.Optional;

/** A request for N premium licences for one customer company. */
public record Order(
        OrderId orderId,
        CompanyId companyId,
        TreePath companyPath,
        int quantity,
        OrderKind kind,
        OrderStatus status,
        Optional<String> purchaseOrderRef,
        Optional<String> note,
        Instant requestedAt,
        UserId requestedBy,
        CompanyId requestedByCompanyId,
        Optional<Instant> assignedAt,
        Optional<UserId> assignedBy,
        Optional<PoolId> poolId,
        Optional<String> rejectionReason,
        Optional<Instant> closedAt) {

    public static final int MIN_QUANTITY = 1;
    public static final int MAX_QUANTITY = 100_000;

    /** Rule 3: from 1 to 100,000 licences in one order. */
    public static Optional<String> quantityProblem(int quantity) {
        return quantity < MIN_QUANTITY || quantity > MAX_QUANTITY
                ? Optional.of("must be from " + MIN_QUANTITY + " to " + MAX_QUANTITY + " (was " + quantity + ")")
                : Optional.empty();
    }

    public static Order requested(OrderId id, CompanyId companyId, TreePath path, int quantity, OrderKind kind,
                                  Optional<String> purchaseOrderRef, Optional<String> note, Instant at,
                                  UserId by, CompanyId byCompany) {
        return new Order(id, companyId, path, quantity, kind, OrderStatus.requested, purchaseOrderRef, note, at, by,
                byCompany, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public Order assign(PoolId pool, UserId by, Instant at) {
        requireRequested("assigned");
        return new Order(orderId, companyId, companyPath, quantity, kind, OrderStatus.assigned, purchaseOrderRef, note,
                requestedAt, requestedBy, requestedByCompanyId, Optional.of(at), Optional.of(by), Optional.of(pool),
                Optional.empty(), Optional.empty());
    }

    public Order reject(String reason, Instant at) {
        requireRequested("rejected");
        return new Order(orderId, companyId, companyPath, quantity, kind, OrderStatus.rejected, purchaseOrderRef, note,
                requestedAt, requestedBy, requestedByCompanyId, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(reason), Optional.of(at));
    }

    public Order cancel(Instant at) {
        requireRequested("cancelled");
        return new Order(orderId, companyId, companyPath, quantity, kind, OrderStatus.cancelled, purchaseOrderRef, note,
                requestedAt, requestedBy, requestedByCompanyId, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(at));
    }

    private void requireRequested(String becoming) {
        if (status != OrderStatus.requested) {
            throw Problem.conflict("order " + orderId + " is " + status + "; only a requested order can be " + becoming);
        }
    }
}

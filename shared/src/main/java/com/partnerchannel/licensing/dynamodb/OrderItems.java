package com.partnerchannel.licensing.dynamodb;

import com.partnerchannel.licensing.common.PoolId;
import com.partnerchannel.licensing.ordering.model.Order;
import com.partnerchannel.licensing.common.OrderId;
import com.partnerchannel.licensing.ordering.model.OrderKind;
import com.partnerchannel.licensing.ordering.model.OrderStatus;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.TreePath;
import com.partnerchannel.licensing.tenancy.model.UserId;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.Map;

import static com.partnerchannel.licensing.dynamodb.Attr.s;

/**
 * Order: PK {@code C#<companyId>}, SK {@code ORDER#<orderId>};
 * GSI1 {@code T#<rootId>} / {@code ORDER#<path><requestedAt>#<orderId>};
 * GSI2 {@code T#<rootId>#ORDER#<status>} / {@code <path><requestedAt>#<orderId>};
 * GSI3 {@code ORDER#<orderId>} / {@code ORDER}.
 */
final class OrderItems {
    static final String PREFIX = "ORDER#";

    private OrderItems() {
    }

    static Map<String, AttributeValue> key(CompanyId companyId, OrderId orderId) {
        return Map.of(Keys.PK, s(Keys.company(companyId.value())), Keys.SK, s(PREFIX + orderId.value()));
    }

    static String treeSortKeyPrefix(TreePath path) {
        return PREFIX + path.value();
    }

    static String statusPartition(CompanyId rootId, OrderStatus status) {
        return Keys.tree(rootId.value()) + "#ORDER#" + status.name();
    }

    static String idPartition(OrderId id) {
        return PREFIX + id.value();
    }

    static Map<String, AttributeValue> toItem(Order order) {
        Map<String, AttributeValue> item = new HashMap<>(key(order.companyId(), order.orderId()));
        String rootId = order.companyPath().rootId().value();
        String inTree = order.companyPath().value() + Attr.time(order.requestedAt()) + "#" + order.orderId().value();
        item.put("type", s("order"));
        item.put("orderId", s(order.orderId().value()));
        item.put("companyId", s(order.companyId().value()));
        item.put("path", s(order.companyPath().value()));
        item.put("quantity", Attr.n(order.quantity()));
        item.put("kind", s(order.kind().wire()));
        item.put("status", s(order.status().name()));
        Attr.putOpt(item, "purchaseOrderRef", order.purchaseOrderRef());
        Attr.putOpt(item, "note", order.note());
        item.put("requestedAt", Attr.t(order.requestedAt()));
        item.put("requestedBy", s(order.requestedBy().value()));
        item.put("requestedByCompanyId", s(order.requestedByCompanyId().value()));
        Attr.putOptTime(item, "assignedAt", order.assignedAt());
        Attr.putOpt(item, "assignedBy", order.assignedBy());
        Attr.putOpt(item, "poolId", order.poolId());
        Attr.putOpt(item, "rejectionReason", order.rejectionReason());
        Attr.putOptTime(item, "closedAt", order.closedAt());
        item.put(Keys.pk(Keys.GSI1), s(Keys.tree(rootId)));
        item.put(Keys.sk(Keys.GSI1), s(PREFIX + inTree));
        item.put(Keys.pk(Keys.GSI2), s(statusPartition(order.companyPath().rootId(), order.status())));
        item.put(Keys.sk(Keys.GSI2), s(inTree));
        item.put(Keys.pk(Keys.GSI3), s(idPartition(order.orderId())));
        item.put(Keys.sk(Keys.GSI3), s("ORDER"));
        return item;
    }

    static Order fromItem(Map<String, AttributeValue> item) {
        return new Order(
                new OrderId(Attr.str(item, "orderId")),
                new CompanyId(Attr.str(item, "companyId")),
                new TreePath(Attr.str(item, "path")),
                Attr.integer(item, "quantity"),
                OrderKind.fromWire(Attr.str(item, "kind")).orElseThrow(),
                OrderStatus.valueOf(Attr.str(item, "status")),
                Attr.optStr(item, "purchaseOrderRef"),
                Attr.optStr(item, "note"),
                Attr.instant(item, "requestedAt"),
                new UserId(Attr.str(item, "requestedBy")),
                new CompanyId(Attr.str(item, "requestedByCompanyId")),
                Attr.optInstant(item, "assignedAt"),
                Attr.optStr(item, "assignedBy").map(UserId::new),
                Attr.optStr(item, "poolId").map(PoolId::new),
                Attr.optStr(item, "rejectionReason"),
                Attr.optInstant(item, "closedAt"));
    }
}

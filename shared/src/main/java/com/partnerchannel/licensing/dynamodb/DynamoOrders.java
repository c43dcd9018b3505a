package com.partnerchannel.licensing.dynamodb;

import com.partnerchannel.licensing.common.Page;
import com.partnerchannel.licensing.common.PageRequest;
import com.partnerchannel.licensing.ordering.application.OrderQuery;
import com.partnerchannel.licensing.ordering.application.Orders;
import com.partnerchannel.licensing.ordering.model.Order;
import com.partnerchannel.licensing.common.OrderId;
import com.partnerchannel.licensing.ordering.model.OrderStatus;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.TreePath;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.partnerchannel.licensing.dynamodb.Attr.s;

public final class DynamoOrders implements Orders {
    private final DynamoDbClient dynamo;
    private final String table;
    private final QueryPager pager;

    public DynamoOrders(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.pager = new QueryPager(dynamo);
    }

    /** The id index gives the tenant keys; the order itself is then read strongly consistent. */
    @Override
    public Optional<Order> get(OrderId id) {
        QueryResponse found = dynamo.query(r -> r.tableName(table).indexName(Keys.GSI3)
                .keyConditionExpression(Keys.pk(Keys.GSI3) + " = :id")
                .expressionAttributeValues(Map.of(":id", s(OrderItems.idPartition(id)))));
        if (found.items().isEmpty()) return Optional.empty();
        Map<String, AttributeValue> keys = found.items().get(0);
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of(Keys.PK, keys.get(Keys.PK), Keys.SK, keys.get(Keys.SK)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(OrderItems.fromItem(item));
    }

    @Override
    public Page<Order> ofCompany(CompanyId companyId, Optional<OrderStatus> status, PageRequest page) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", s(Keys.company(companyId.value())));
        values.put(":orders", s(OrderItems.PREFIX));
        QueryRequest.Builder request = QueryRequest.builder().tableName(table)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :orders)");
        status.ifPresent(st -> {
            values.put(":status", s(st.name()));
            request.filterExpression("#status = :status").expressionAttributeNames(Map.of("#status", "status"));
        });
        return pager.page(request.expressionAttributeValues(values).build(), page).map(OrderItems::fromItem);
    }

    /**
     * With a status: the status index, narrowed to the subtree by path prefix. Without: the tree index.
     * A date range is part of the key when the subtree is a single customer, a filter otherwise.
     */
    @Override
    public Page<Order> inSubtree(TreePath path, OrderQuery query, PageRequest page) {
        Map<String, AttributeValue> values = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        List<String> filters = new ArrayList<>();
        String index;
        String prefix;
        if (query.status().isPresent()) {
            index = Keys.GSI2;
            values.put(":pk", s(OrderItems.statusPartition(path.rootId(), query.status().get())));
            prefix = path.value();
        } else {
            index = Keys.GSI1;
            values.put(":pk", s(Keys.tree(path.rootId().value())));
            prefix = OrderItems.treeSortKeyPrefix(path);
        }
        String keyCondition = Keys.pk(index) + " = :pk AND begins_with(" + Keys.sk(index) + ", :prefix)";
        values.put(":prefix", s(prefix));
        query.from().ifPresent(from -> {
            filters.add("#requestedAt >= :from");
            names.put("#requestedAt", "requestedAt");
            values.put(":from", Attr.t(from));
        });
        query.to().ifPresent(to -> {
            filters.add("#requestedAt <= :to");
            names.put("#requestedAt", "requestedAt");
            values.put(":to", Attr.t(to));
        });
        query.kind().ifPresent(kind -> {
            filters.add("#kind = :kind");
            names.put("#kind", "kind");
            values.put(":kind", s(kind.wire()));
        });
        QueryRequest.Builder request = QueryRequest.builder().tableName(table).indexName(index)
                .keyConditionExpression(keyCondition).expressionAttributeValues(values);
        if (!filters.isEmpty()) request.filterExpression(String.join(" AND ", filters));
        if (!names.isEmpty()) request.expressionAttributeNames(names);
        return pager.page(request.build(), page).map(OrderItems::fromItem);
    }
}

package com.partnerchannel.licensing.dynamodb;

import com.partnerchannel.licensing.common.Page;
import com.partnerchannel.licensing.common.PageRequest;
import com.partnerchannel.licensing.tenancy.application.Companies;
import com.partnerchannel.licensing.tenancy.application.CompanyQuery;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.TreePath;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.partnerchannel.licensing.dynamodb.Attr.s;

public final class DynamoCompanies implements Companies {
    private final DynamoDbClient dynamo;
    private final String table;
    private final QueryPager pager;

    public DynamoCompanies(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.pager = new QueryPager(dynamo);
    }

    @Override
    public Optional<Company> get(CompanyId id) {
        return CompanyItems.maybe(dynamo.getItem(r -> r.tableName(table).key(CompanyItems.key(id))).item());
    }

    @Override
    public Page<Company> below(TreePath path, CompanyQuery query, PageRequest page) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":tree", s(Keys.tree(path.rootId().value())));
        values.put(":below", s(CompanyItems.treeSortKey(path)));
        values.put(":self", s(path.ids().get(path.ids().size() - 1)));
        List<String> filters = new ArrayList<>();
        filters.add("#companyId <> :self");
        addFilters(query, filters, values);
        QueryRequest request = QueryRequest.builder().tableName(table).indexName(Keys.GSI1)
                .keyConditionExpression(Keys.pk(Keys.GSI1) + " = :tree AND begins_with(" + Keys.sk(Keys.GSI1) + ", :below)")
                .filterExpression(String.join(" AND ", filters))
                .expressionAttributeNames(names(filters))
                .expressionAttributeValues(values)
                .build();
        return pager.page(request, page).map(CompanyItems::fromItem);
    }

    @Override
    public Page<Company> topLevelPartners(CompanyQuery query, PageRequest page) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":top", s(CompanyItems.TOP_LEVEL));
        List<String> filters = new ArrayList<>();
        addFilters(query, filters, values);
        QueryRequest.Builder request = QueryRequest.builder().tableName(table).indexName(Keys.GSI2)
                .keyConditionExpression(Keys.pk(Keys.GSI2) + " = :top")
                .expressionAttributeValues(values);
        if (!filters.isEmpty()) {
            request.filterExpression(String.join(" AND ", filters)).expressionAttributeNames(names(filters));
        }
        return pager.page(request.build(), page).map(CompanyItems::fromItem);
    }

    /** Attribute names go through placeholders: several of ours (name, plan) are DynamoDB reserved words. */
    private static Map<String, String> names(List<String> filters) {
        Map<String, String> names = new HashMap<>();
        for (String attribute : List.of("parentId", "kind", "plan", "nameLower", "companyId")) {
            if (filters.stream().anyMatch(f -> f.contains("#" + attribute))) names.put("#" + attribute, attribute);
        }
        return names;
    }

    private static void addFilters(CompanyQuery query, List<String> filters, Map<String, AttributeValue> values) {
        query.parentId().ifPresent(parent -> {
            filters.add("#parentId = :parent");
            values.put(":parent", s(parent.value()));
        });
        query.kind().ifPresent(kind -> {
            filters.add("#kind = :kind");
            values.put(":kind", s(kind.name()));
        });
        query.plan().ifPresent(plan -> {
            filters.add("#plan = :plan");
            values.put(":plan", s(plan.name()));
        });
        query.q().ifPresent(q -> {
            filters.add("contains(#nameLower, :q)");
            values.put(":q", s(q));
        });
    }
}

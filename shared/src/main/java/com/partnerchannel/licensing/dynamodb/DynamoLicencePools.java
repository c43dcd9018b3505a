package com.partnerchannel.licensing.dynamodb;

import com.partnerchannel.licensing.allocation.application.LicencePools;
import com.partnerchannel.licensing.allocation.model.LicencePool;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static com.partnerchannel.licensing.dynamodb.Attr.s;

public final class DynamoLicencePools implements LicencePools {
    private final String table;
    private final QueryPager pager;

    public DynamoLicencePools(DynamoDbClient dynamo, String table) {
        this.table = table;
        this.pager = new QueryPager(dynamo);
    }

    @Override
    public List<LicencePool> ofCompany(CompanyId companyId) {
        return pager.all(QueryRequest.builder().tableName(table)
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :pools)")
                        .expressionAttributeValues(Map.of(":pk", s(Keys.company(companyId.value())),
                                ":pools", s(PoolItems.PREFIX)))
                        .build())
                .stream().map(PoolItems::fromItem)
                .sorted(Comparator.comparing(LicencePool::expiresAt))
                .toList();
    }
}

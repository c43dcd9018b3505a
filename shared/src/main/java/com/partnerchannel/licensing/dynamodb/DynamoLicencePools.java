package com.partnerchannel.licensing.dynamodb;

import com.partnerchannel.licensing.allocation.application.LicencePools;
import com.partnerchannel.licensing.allocation.model.CompanyPools;
import com.partnerchannel.licensing.allocation.model.LicencePool;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static com.partnerchannel.licensing.dynamodb.Attr.s;

public final class DynamoLicencePools implements LicencePools {
    private final DynamoDbClient dynamo;
    private final String table;
    private final QueryPager pager;

    public DynamoLicencePools(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.pager = new QueryPager(dynamo);
    }

    @Override
    public List<LicencePool> ofCompany(CompanyId companyId) {
        return pager.all(QueryRequest.builder().tableName(table)
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :pools)")
                        .expressionAttributeValues(Map.of(":pk", s(Keys.company(companyId.value())),
                                ":pools", s(PoolItems.PREFIX)))
                        .consistentRead(true)
                        .build())
                .stream().map(PoolItems::fromItem)
                .sorted(Comparator.comparing(LicencePool::expiresAt))
                .toList();
    }

    /**
     * A strongly consistent read of the company's pools, filtered to the unexpired ones with a free seat.
     * A company holds a pool or two a year, so this reads a handful of items; an index would be
     * eventually consistent and could hide a pool assigned a moment ago.
     */
    @Override
    public List<LicencePool> withFreeSeats(CompanyId companyId, Instant now) {
        return pager.all(QueryRequest.builder().tableName(table)
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :pools)")
                        .filterExpression("allocated < seats AND expiresAt > :now")
                        .expressionAttributeValues(Map.of(":pk", s(Keys.company(companyId.value())),
                                ":pools", s(PoolItems.PREFIX), ":now", Attr.t(now)))
                        .consistentRead(true)
                        .build())
                .stream().map(PoolItems::fromItem)
                .sorted(Comparator.comparing(LicencePool::expiresAt))
                .toList();
    }

    @Override
    public List<LicencePool> owingSeats(CompanyId companyId) {
        return pager.all(QueryRequest.builder().tableName(table)
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :pools)")
                        .filterExpression("attribute_exists(owesSeats)")
                        .expressionAttributeValues(Map.of(":pk", s(Keys.company(companyId.value())),
                                ":pools", s(PoolItems.PREFIX)))
                        .consistentRead(true)
                        .build())
                .stream().map(PoolItems::fromItem).toList();
    }

    /** One query of the {@code POOL#} range, unfiltered: a filter would cost the same units, as DynamoDB charges what it reads. */
    @Override
    public CompanyPools seating(CompanyId companyId) {
        List<Map<String, AttributeValue>> items = pager.all(QueryRequest.builder().tableName(table)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :pools)")
                .expressionAttributeValues(Map.of(":pk", s(Keys.company(companyId.value())), ":pools", s(PoolItems.PREFIX)))
                .consistentRead(true)
                .build());
        return new CompanyPools(items.stream().map(PoolItems::fromItem).sorted(Comparator.comparing(LicencePool::expiresAt)).toList(),
                items.stream().filter(PoolItems::owesSeats).map(PoolItems::fromItem).toList());
    }

    @Override
    public void settled(LicencePool pool) {
        Map<String, AttributeValue> key = PoolItems.key(pool.companyId(), pool.poolId());
        dynamo.updateItem(r -> r.tableName(table).key(key).updateExpression("REMOVE owesSeats"));
    }
}

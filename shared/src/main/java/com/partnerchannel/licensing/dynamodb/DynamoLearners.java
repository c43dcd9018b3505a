package com.partnerchannel.licensing.dynamodb;

import com.partnerchannel.licensing.allocation.application.Learners;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.User;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.util.List;
import java.util.Map;

import static com.partnerchannel.licensing.dynamodb.Attr.s;

public final class DynamoLearners implements Learners {
    private final String table;
    private final QueryPager pager;

    public DynamoLearners(DynamoDbClient dynamo, String table) {
        this.table = table;
        this.pager = new QueryPager(dynamo);
    }

    @Override
    public List<User> ofCompany(CompanyId companyId) {
        return pager.all(QueryRequest.builder().tableName(table)
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :users)")
                        .expressionAttributeValues(Map.of(":pk", s(Keys.company(companyId.value())),
                                ":users", s(UserItems.PREFIX)))
                        .build())
                .stream().map(UserItems::fromItem)
                .filter(user -> user.licenceStatus().isPresent())
                .toList();
    }
}

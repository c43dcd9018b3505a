package com.partnerchannel.licensing.dynamodb;

import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.CompanyKind;
import com.partnerchannel.licensing.tenancy.model.LearnerCounts;
import com.partnerchannel.licensing.tenancy.model.NewCompany;
import com.partnerchannel.licensing.tenancy.model.Plan;
import com.partnerchannel.licensing.tenancy.model.TreePath;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * A premium customer's item, stored as CreatingCompany stores it (with its licence counters), for the adapter tests
 * that add learners straight through {@link DynamoLearners}: an add updates the company's counters in its
 * transaction, on the condition that the company exists.
 */
final class StoredCustomer {
    private StoredCustomer() {
    }

    static Company in(DynamoDbClient dynamo, String table, CompanyId id, Instant at) {
        CompanyId parent = new CompanyId("01JPARTNER0000000000000000");
        Company customer = new Company(id, "Acme", CompanyKind.customer, Optional.of(parent),
                TreePath.root(parent).child(id), Optional.of(Plan.premium), at, Optional.empty(), List.of())
                .withLearnerCounts(LearnerCounts.none(at));
        new DynamoTransactions(dynamo, table, Clock.fixed(at, ZoneOffset.UTC))
                .commit(List.of(new NewCompany(customer)), Optional.empty());
        return customer;
    }
}

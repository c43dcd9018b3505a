package com.partnerchannel.licensing.config;

import com.partnerchannel.licensing.common.Ulids;
import com.partnerchannel.licensing.dynamodb.DynamoCompanies;
import com.partnerchannel.licensing.dynamodb.DynamoExpiringLicences;
import com.partnerchannel.licensing.dynamodb.DynamoNoticeLedger;
import com.partnerchannel.licensing.expiry.application.SweepingExpiries;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

/** The nightly sweep wired by hand (expiry-sweep function). */
public final class Expiries {
    private Expiries() {
    }

    public static SweepingExpiries sweeping(DynamoDbClient dynamo, String table, Clock clock) {
        return new SweepingExpiries(new DynamoExpiringLicences(dynamo, table), new DynamoNoticeLedger(dynamo, table),
                new DynamoCompanies(dynamo, table), new Ulids(clock), clock);
    }

    public static SweepingExpiries fromEnvironment() {
        return from(Configuration.fromEnvironment(), Clocks.system());
    }

    public static SweepingExpiries from(Configuration configuration, Clock clock) {
        return sweeping(Licensing.dynamoDb(configuration), configuration.tableName(), clock);
    }
}

package com.partnerchannel.licensing.config;

import com.partnerchannel.licensing.allocation.application.Learners;
import com.partnerchannel.licensing.allocation.application.LicencePools;
import com.partnerchannel.licensing.allocation.application.Reservations;
import com.partnerchannel.licensing.common.Transactions;
import com.partnerchannel.licensing.directory.application.DirectoryTokens;
import com.partnerchannel.licensing.dynamodb.DynamoCompanies;
import com.partnerchannel.licensing.dynamodb.DynamoDirectoryTokens;
import com.partnerchannel.licensing.dynamodb.DynamoExpiringLicences;
import com.partnerchannel.licensing.dynamodb.DynamoLearners;
import com.partnerchannel.licensing.dynamodb.DynamoLicencePools;
import com.partnerchannel.licensing.dynamodb.DynamoNoticeLedger;
import com.partnerchannel.licensing.dynamodb.DynamoOrders;
import com.partnerchannel.licensing.dynamodb.DynamoOutbox;
import com.partnerchannel.licensing.dynamodb.DynamoRenewalImports;
import com.partnerchannel.licensing.dynamodb.DynamoReservations;
import com.partnerchannel.licensing.dynamodb.DynamoSentEmails;
import com.partnerchannel.licensing.dynamodb.DynamoTransactions;
import com.partnerchannel.licensing.dynamodb.DynamoUndeliverableAddresses;
import com.partnerchannel.licensing.expiry.application.ExpiringLicences;
import com.partnerchannel.licensing.expiry.application.NoticeLedger;
import com.partnerchannel.licensing.notification.application.SentEmails;
import com.partnerchannel.licensing.notification.application.UndeliverableAddresses;
import com.partnerchannel.licensing.ordering.application.Orders;
import com.partnerchannel.licensing.outbox.Outbox;
import com.partnerchannel.licensing.renewal.application.RenewalImports;
import com.partnerchannel.licensing.tenancy.application.Companies;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

/**
 * Every port the table stands behind, as one value: the DynamoDB adapters in production, the in-memory
 * ones of shared's test fixtures in the fast tests. The use cases are wired from this, whichever it is.
 */
public record Ports(Transactions transactions, Companies companies, Orders orders, Learners learners,
                    LicencePools pools, Reservations reservations, ExpiringLicences expiringLicences,
                    NoticeLedger noticeLedger, RenewalImports renewalImports, SentEmails sentEmails,
                    DirectoryTokens directoryTokens, Outbox outbox, UndeliverableAddresses undeliverableAddresses) {

    public static Ports dynamo(DynamoDbClient dynamo, String table, Clock clock) {
        return new Ports(new DynamoTransactions(dynamo, table, clock), new DynamoCompanies(dynamo, table),
                new DynamoOrders(dynamo, table), new DynamoLearners(dynamo, table), new DynamoLicencePools(dynamo, table),
                new DynamoReservations(dynamo, table), new DynamoExpiringLicences(dynamo, table),
                new DynamoNoticeLedger(dynamo, table), new DynamoRenewalImports(dynamo, table),
                new DynamoSentEmails(dynamo, table), new DynamoDirectoryTokens(dynamo, table),
                new DynamoOutbox(dynamo, table), new DynamoUndeliverableAddresses(dynamo, table));
    }
}

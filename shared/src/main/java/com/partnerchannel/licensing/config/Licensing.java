package com.partnerchannel.licensing.config;

import com.partnerchannel.licensing.allocation.application.AddingLearners;
import com.partnerchannel.licensing.tenancy.application.CompanyAccess;
import com.partnerchannel.licensing.allocation.application.CountingLicences;
import com.partnerchannel.licensing.allocation.application.DeletingLearner;
import com.partnerchannel.licensing.allocation.application.Learners;
import com.partnerchannel.licensing.allocation.application.LicencePools;
import com.partnerchannel.licensing.allocation.application.RenewingLicences;
import com.partnerchannel.licensing.allocation.application.SeatingUnlicensed;
import com.partnerchannel.licensing.allocation.application.ViewingLearners;
import com.partnerchannel.licensing.dynamodb.DynamoReservations;
import com.partnerchannel.licensing.common.Ids;
import com.partnerchannel.licensing.common.Transactions;
import com.partnerchannel.licensing.common.Ulids;
import com.partnerchannel.licensing.dynamodb.DynamoCompanies;
import com.partnerchannel.licensing.dynamodb.DynamoLearners;
import com.partnerchannel.licensing.dynamodb.DynamoLicencePools;
import com.partnerchannel.licensing.dynamodb.DynamoOrders;
import com.partnerchannel.licensing.dynamodb.DynamoTransactions;
import com.partnerchannel.licensing.ordering.application.AssigningOrder;
import com.partnerchannel.licensing.ordering.application.CancellingOrder;
import com.partnerchannel.licensing.ordering.application.Orders;
import com.partnerchannel.licensing.ordering.application.RejectingOrder;
import com.partnerchannel.licensing.ordering.application.RequestingOrder;
import com.partnerchannel.licensing.ordering.application.ViewingOrders;
import com.partnerchannel.licensing.tenancy.application.Companies;
import com.partnerchannel.licensing.onboarding.application.CreatingCompany;
import com.partnerchannel.licensing.tenancy.application.ViewingCompanies;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

import java.net.URI;
import java.time.Clock;

/**
 * The licensing core wired by hand: adapters once, then every use case. Handlers build this once at
 * init; tests build it around DynamoDB Local and a clock of their own.
 */
public final class Licensing {
    public final DynamoDbClient dynamo;
    public final String table;
    public final Clock clock;
    public final Transactions transactions;
    public final CreatingCompany creatingCompany;
    public final ViewingCompanies viewingCompanies;
    public final CountingLicences countingLicences;
    public final RequestingOrder requestingOrder;
    public final AssigningOrder assigningOrder;
    public final RejectingOrder rejectingOrder;
    public final CancellingOrder cancellingOrder;
    public final ViewingOrders viewingOrders;
    public final AddingLearners addingLearners;
    public final RenewingLicences renewingLicences;
    public final DeletingLearner deletingLearner;
    public final ViewingLearners viewingLearners;
    /** Who may act on a customer's learners: checked before a bulk request's stored response is replayed. */
    public final CompanyAccess companyAccess;

    public Licensing(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
        Ids ids = new Ulids(clock);
        Companies companies = new DynamoCompanies(dynamo, table);
        Orders orders = new DynamoOrders(dynamo, table);
        Learners learners = new DynamoLearners(dynamo, table);
        LicencePools pools = new DynamoLicencePools(dynamo, table);
        SeatingUnlicensed seatingUnlicensed = new SeatingUnlicensed(learners, pools, clock);
        this.transactions = new DynamoTransactions(dynamo, table, clock);
        this.companyAccess = new CompanyAccess(companies);
        this.creatingCompany = new CreatingCompany(companies, ids, clock);
        this.viewingCompanies = new ViewingCompanies(companies);
        this.countingLicences = new CountingLicences(pools, learners, clock);
        this.requestingOrder = new RequestingOrder(companies, ids, clock);
        this.assigningOrder = new AssigningOrder(orders, companies, seatingUnlicensed, ids, clock);
        this.rejectingOrder = new RejectingOrder(orders, companies, clock);
        this.cancellingOrder = new CancellingOrder(orders, companies, clock);
        this.viewingOrders = new ViewingOrders(orders, companies);
        this.addingLearners = new AddingLearners(companies, learners, pools, seatingUnlicensed, ids, clock);
        this.renewingLicences = new RenewingLicences(companies, learners, pools, new DynamoReservations(dynamo, table),
                seatingUnlicensed, ids, clock);
        this.deletingLearner = new DeletingLearner(companies, learners);
        this.viewingLearners = new ViewingLearners(companies, learners, clock);
    }

    public static Licensing fromEnvironment() {
        Configuration configuration = Configuration.fromEnvironment();
        return new Licensing(dynamoDb(configuration), configuration.tableName(), Clocks.system());
    }

    public static DynamoDbClient dynamoDb(Configuration configuration) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
        configuration.dynamoDbEndpoint().map(URI::create).ifPresent(builder::endpointOverride);
        return builder.build();
    }
}

package com.partnerchannel.licensing.config;

import com.partnerchannel.licensing.allocation.application.CountingLicences;
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
import com.partnerchannel.licensing.tenancy.application.CreatingCompany;
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
    public final Transactions transactions;
    public final CreatingCompany creatingCompany;
    public final ViewingCompanies viewingCompanies;
    public final CountingLicences countingLicences;
    public final RequestingOrder requestingOrder;
    public final AssigningOrder assigningOrder;
    public final RejectingOrder rejectingOrder;
    public final CancellingOrder cancellingOrder;
    public final ViewingOrders viewingOrders;

    public Licensing(DynamoDbClient dynamo, String table, Clock clock) {
        Ids ids = new Ulids(clock);
        Companies companies = new DynamoCompanies(dynamo, table);
        Orders orders = new DynamoOrders(dynamo, table);
        this.transactions = new DynamoTransactions(dynamo, table, clock);
        this.creatingCompany = new CreatingCompany(companies, ids, clock);
        this.viewingCompanies = new ViewingCompanies(companies);
        this.countingLicences = new CountingLicences(new DynamoLicencePools(dynamo, table),
                new DynamoLearners(dynamo, table), clock);
        this.requestingOrder = new RequestingOrder(companies, ids, clock);
        this.assigningOrder = new AssigningOrder(orders, companies, ids, clock);
        this.rejectingOrder = new RejectingOrder(orders, companies, clock);
        this.cancellingOrder = new CancellingOrder(orders, companies, clock);
        this.viewingOrders = new ViewingOrders(orders, companies);
    }

    public static Licensing fromEnvironment() {
        Configuration configuration = Configuration.fromEnvironment();
        return new Licensing(dynamoDb(configuration), configuration.tableName(), Clock.systemUTC());
    }

    public static DynamoDbClient dynamoDb(Configuration configuration) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
        configuration.dynamoDbEndpoint().map(URI::create).ifPresent(builder::endpointOverride);
        return builder.build();
    }
}

package com.partnerchannel.licensing.config;

import com.partnerchannel.licensing.allocation.application.AddingLearners;
import com.partnerchannel.licensing.allocation.application.ArchivingLearners;
import com.partnerchannel.licensing.tenancy.application.CompanyAccess;
import com.partnerchannel.licensing.allocation.application.CountingLicences;
import com.partnerchannel.licensing.allocation.application.DeletingLearner;
import com.partnerchannel.licensing.allocation.application.Learners;
import com.partnerchannel.licensing.allocation.application.LicencePools;
import com.partnerchannel.licensing.allocation.application.RenewingLicences;
import com.partnerchannel.licensing.allocation.application.SeatingUnlicensed;
import com.partnerchannel.licensing.allocation.application.ViewingLearners;
import com.partnerchannel.licensing.common.Backoff;
import com.partnerchannel.licensing.common.Ids;
import com.partnerchannel.licensing.common.Tallies;
import com.partnerchannel.licensing.common.Transactions;
import com.partnerchannel.licensing.common.Ulids;
import com.partnerchannel.licensing.directory.application.AuthenticatingDirectory;
import com.partnerchannel.licensing.directory.application.IssuingDirectoryTokens;
import com.partnerchannel.licensing.directory.application.SyncingUsers;
import com.partnerchannel.licensing.ordering.application.AssigningOrder;
import com.partnerchannel.licensing.ordering.application.CancellingOrder;
import com.partnerchannel.licensing.ordering.application.Orders;
import com.partnerchannel.licensing.ordering.application.RejectingOrder;
import com.partnerchannel.licensing.ordering.application.RequestingOrder;
import com.partnerchannel.licensing.ordering.application.ViewingOrders;
import com.partnerchannel.licensing.tenancy.application.Companies;
import com.partnerchannel.licensing.onboarding.application.CreatingCompany;
import com.partnerchannel.licensing.tenancy.application.ViewingCompanies;
import com.partnerchannel.licensing.observability.MetricTallies;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

import java.net.URI;
import java.time.Clock;
import java.util.List;

/**
 * The licensing core wired by hand: adapters once, then every use case. Handlers build this once at
 * init; tests build it around DynamoDB Local and a clock of their own.
 */
public final class Licensing {
    /** The adapters the use cases run on. */
    public final Ports ports;
    /** The table's client and name when built over DynamoDB; null over other ports. */
    public final DynamoDbClient dynamo;
    public final String table;
    public final Clock clock;
    /** The wait before a use case tries again after another writer took what it needed. */
    public final Backoff backoff;
    public final Transactions transactions;
    /** What the use cases count, as CloudWatch metrics of the running invocation (none outside one). */
    public final Tallies tallies = new MetricTallies();
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
    public final ArchivingLearners archivingLearners;
    public final ViewingLearners viewingLearners;
    public final IssuingDirectoryTokens issuingDirectoryTokens;
    public final AuthenticatingDirectory authenticatingDirectory;
    public final SyncingUsers syncingUsers;
    /** Who may act on a customer's learners: checked before a bulk request's stored response is replayed. */
    public final CompanyAccess companyAccess;

    public Licensing(DynamoDbClient dynamo, String table, Clock clock) {
        this(Ports.dynamo(dynamo, table, clock), clock, dynamo, table, Backoff.standard());
    }

    /** The use cases over any adapters: the in-memory ones of the fast tests, say ({@code dynamo} and {@code table} are then null). */
    public Licensing(Ports ports, Clock clock) {
        this(ports, clock, Backoff.standard());
    }

    /** As above, with the wait between attempts given (a test records it instead of sleeping). */
    public Licensing(Ports ports, Clock clock, Backoff backoff) {
        this(ports, clock, null, null, backoff);
    }

    private Licensing(Ports ports, Clock clock, DynamoDbClient dynamo, String table, Backoff backoff) {
        this.ports = ports;
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
        this.backoff = backoff;
        Ids ids = new Ulids(clock);
        Companies companies = ports.companies();
        Orders orders = ports.orders();
        Learners learners = ports.learners();
        LicencePools pools = ports.pools();
        SeatingUnlicensed seatingUnlicensed = new SeatingUnlicensed(learners, pools, clock, backoff, tallies);
        this.transactions = ports.transactions();
        this.companyAccess = new CompanyAccess(companies);
        this.creatingCompany = new CreatingCompany(companies, ids, clock);
        this.viewingCompanies = new ViewingCompanies(companies);
        this.countingLicences = new CountingLicences(pools, learners, clock);
        this.requestingOrder = new RequestingOrder(companies, ids, clock);
        this.assigningOrder = new AssigningOrder(orders, companies, seatingUnlicensed, ids, clock);
        this.rejectingOrder = new RejectingOrder(orders, companies, clock);
        this.cancellingOrder = new CancellingOrder(orders, companies, clock);
        this.viewingOrders = new ViewingOrders(orders, companies);
        this.addingLearners = new AddingLearners(companies, learners, pools, seatingUnlicensed, ids, clock, backoff);
        this.renewingLicences = new RenewingLicences(companies, learners, pools, ports.reservations(),
                seatingUnlicensed, ids, clock, backoff);
        this.deletingLearner = new DeletingLearner(companies, learners);
        this.archivingLearners = new ArchivingLearners(companies, learners, pools, seatingUnlicensed, clock, backoff);
        this.issuingDirectoryTokens = new IssuingDirectoryTokens(companies, ports.directoryTokens(), ids, clock);
        this.authenticatingDirectory = new AuthenticatingDirectory(ports.directoryTokens(), clock);
        this.syncingUsers = new SyncingUsers(companies, learners, addingLearners, archivingLearners, ids, clock);
        this.viewingLearners = new ViewingLearners(companies, learners, clock);
    }

    public static Licensing fromEnvironment() {
        return from(Configuration.fromEnvironment(), Clocks.system());
    }

    public static Licensing from(Configuration configuration, Clock clock) {
        return new Licensing(dynamoDb(configuration), configuration.tableName(), clock);
    }

    /** The table's client, primed before a SnapStart snapshot ({@link Priming}). */
    public static DynamoDbClient dynamoDb(Configuration configuration) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
        configuration.dynamoDbEndpoint().map(URI::create).ifPresent(builder::endpointOverride);
        List<ExecutionInterceptor> interceptors = SdkInterceptors.dynamoDb();
        builder.overrideConfiguration(c -> {
            c.retryStrategy(DynamoDbRetries.strategy());
            interceptors.forEach(c::addExecutionInterceptor);
        });
        DynamoDbClient client = builder.build();
        Priming.registerDynamoDb(client, configuration.tableName());
        return client;
    }
}

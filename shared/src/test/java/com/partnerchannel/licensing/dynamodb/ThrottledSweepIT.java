package com.partnerchannel.licensing.dynamodb;

import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.allocation.model.LicencePool;
import com.partnerchannel.licensing.allocation.model.LicenceStatus;
import com.partnerchannel.licensing.common.Backoff;
import com.partnerchannel.licensing.config.Ports;
import com.partnerchannel.licensing.contract.PortContract;
import com.partnerchannel.licensing.expiry.application.Sweep;
import com.partnerchannel.licensing.expiry.application.SweepingExpiries;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.Plan;
import com.partnerchannel.licensing.testing.LocalDynamoDb;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The nightly sweep when DynamoDB throttles a read of the expiry index past the SDK's retries (what the
 * SDK throws after its 4 attempts, here thrown at once): the partition is read again after a
 * {@link Backoff} wait, so the run records every expiry and its checkpoint instead of failing whole
 * (docs/benchmarks.md, Faults: at 20 % throttling about one run in two failed so).
 */
class ThrottledSweepIT extends PortContract {
    private final String table = LocalDynamoDb.freshTable();
    private final AtomicInteger throttledLeft = new AtomicInteger();
    private final List<Duration> waits = new ArrayList<>();

    @Override
    protected Ports freshPorts(Clock clock) {
        return Ports.dynamo(LocalDynamoDb.client(), table, clock);
    }

    @Test
    void aPartitionThrottledPastTheSdksRetriesIsReadAgainAndTheRunRecordsEveryExpiryAndItsCheckpoint() {
        Company acme = aCustomer(Plan.premium);
        LicencePool pool = aPool(acme, 3);
        Learner ann = aSeatedLearner(acme, "ann@acme.test", pool);
        clock.set(pool.expiresAt().plus(Duration.ofMinutes(5)));
        throttledLeft.set(2);
        DynamoExpiringLicences expiring = new DynamoExpiringLicences(throttlingTheExpiryIndex(LocalDynamoDb.client()),
                table, new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), waits::add, () -> 0.5));

        Sweep sweep = new SweepingExpiries(expiring, ports.noticeLedger(), ports.companies(), ids, clock).sweep();

        assertThat(throttledLeft).as("the throttled reads happened").hasValue(0);
        assertThat(waits).hasSize(2);
        assertThat(sweep.failures()).isEmpty();
        assertThat(sweep.recordedExpired()).isEqualTo(1);
        assertThat(ports.learners().get(acme.companyId(), ann.learnerId()).orElseThrow().recordedStatus())
                .contains(LicenceStatus.expired);
        assertThat(ports.expiringLicences().lastCompletedSweep()).contains(clock.instant());
    }

    /** The real client, but the next queries of the expiry index fail as the SDK fails them once its attempts run out. */
    private DynamoDbClient throttlingTheExpiryIndex(DynamoDbClient real) {
        InvocationHandler handler = (proxy, method, args) -> {
            // A paginator built on the proxy sends its pages through it.
            if (method.getName().endsWith("Paginator")) return InvocationHandler.invokeDefault(proxy, method, args);
            if (args != null && args[0] instanceof QueryRequest query && Keys.EXPIRY.equals(query.indexName())
                    && throttledLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                String message = "The level of configured provisioned throughput for the table was exceeded";
                throw ProvisionedThroughputExceededException.builder().message(message).statusCode(400)
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException")
                                .errorMessage(message).serviceName("DynamoDb").build()).build();
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[]{DynamoDbClient.class}, handler);
    }
}

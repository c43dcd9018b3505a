package com.partnerchannel.licensing.faults;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The injector on a real SDK client. Nothing is sent: an interceptor after it stops every request that
 * the injector lets through just before it would go on the wire ("Sent"), and counts the attempts.
 */
class DynamoDbFaultsTest {
    private static final Map<String, AttributeValue> ITEM = Map.of("PK", AttributeValue.fromS("P"), "SK", AttributeValue.fromS("S"));

    private final AtomicInteger attempts = new AtomicInteger();

    @Test
    void aConflictCancelsATransactionWithATransactionConflictReasonPerItem() {
        DynamoDbClient client = client(new DynamoDbFaults(Faults.parse("dynamodb-conflict=1", 7)));
        TransactWriteItem put = TransactWriteItem.builder().put(Put.builder().tableName("t").item(ITEM).build()).build();

        Throwable thrown = catchThrowable(() -> client.transactWriteItems(r -> r.transactItems(put, put, put)));

        assertThat(thrown).isInstanceOf(TransactionCanceledException.class);
        assertThat(((TransactionCanceledException) thrown).cancellationReasons()).extracting(CancellationReason::code)
                .containsExactly("TransactionConflict", "TransactionConflict", "TransactionConflict");
        assertThat(((TransactionCanceledException) thrown).awsErrorDetails().errorCode()).isEqualTo("TransactionCanceledException");
        assertThat(attempts).as("the SDK does not retry a cancelled transaction").hasValue(1);
    }

    @Test
    void aConflictRefusesASingleItemWriteButNeverARead() {
        DynamoDbClient client = client(new DynamoDbFaults(Faults.parse("dynamodb-conflict=1", 7)));

        assertThatThrownBy(() -> client.putItem(r -> r.tableName("t").item(ITEM)))
                .isInstanceOf(TransactionConflictException.class);
        assertThatThrownBy(() -> client.getItem(r -> r.tableName("t").key(ITEM))).hasMessageContaining("Sent");
    }

    @Test
    void aThrottleIsRetriedByTheSdksStandardStrategyAsTheServicesIs() {
        DynamoDbFaults faults = new DynamoDbFaults(Faults.parse("dynamodb-throttle=1", 7));
        DynamoDbClient client = client(faults);

        Throwable thrown = catchThrowable(() -> client.getItem(r -> r.tableName("t").key(ITEM)));

        assertThat(thrown).isInstanceOf(DynamoDbException.class);
        assertThat(((DynamoDbException) thrown).isThrottlingException()).isTrue();
        assertThat(((DynamoDbException) thrown).awsErrorDetails().errorCode())
                .isIn("ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded");
        assertThat(attempts).as("the standard strategy's three attempts").hasValue(3);
        assertThat(faults.injected()).isEqualTo(3);
    }

    @Test
    void aServerErrorIsA500TheSdkRetries() {
        DynamoDbClient client = client(new DynamoDbFaults(Faults.parse("dynamodb-server-error=1", 7)));

        Throwable thrown = catchThrowable(() -> client.putItem(r -> r.tableName("t").item(ITEM)));

        assertThat(((DynamoDbException) thrown).statusCode()).isEqualTo(500);
        assertThat(((DynamoDbException) thrown).awsErrorDetails().errorCode()).isEqualTo("InternalServerError");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void theSameSeedInjectsTheSameFaultsAndTheRatesHold() {
        List<String> first = outcomes(new DynamoDbFaults(Faults.parse("dynamodb-conflict=0.3,dynamodb-throttle=0.05", 42)));
        List<String> again = outcomes(new DynamoDbFaults(Faults.parse("dynamodb-conflict=0.3,dynamodb-throttle=0.05", 42)));
        List<String> otherSeed = outcomes(new DynamoDbFaults(Faults.parse("dynamodb-conflict=0.3,dynamodb-throttle=0.05", 43)));

        assertThat(again).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
        // 300 writes: a conflict on about 30 % of the attempts (the three-sigma band), throttles seen rarely
        // (the SDK retries them, so a write fails with one only when three attempts in a row were throttled).
        assertThat(first.stream().filter("TransactionConflictException"::equals).count()).isBetween(66L, 114L);
        assertThat(first.stream().filter("Sent"::equals).count()).isBetween(186L, 234L);
    }

    private List<String> outcomes(DynamoDbFaults faults) {
        DynamoDbClient client = client(faults);
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Throwable thrown = catchThrowable(() -> client.putItem(r -> r.tableName("t").item(ITEM)));
            outcomes.add(thrown instanceof DynamoDbException e ? e.awsErrorDetails().errorCode() : thrown.getMessage());
        }
        return outcomes;
    }

    private DynamoDbClient client(DynamoDbFaults faults) {
        ExecutionInterceptor counting = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                attempts.incrementAndGet();
            }
        };
        ExecutionInterceptor stop = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                throw new Sent();
            }
        };
        return DynamoDbClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(URI.create("http://127.0.0.1:9"))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(c -> c.retryStrategy(StandardRetryStrategy.builder()
                                .backoffStrategy(BackoffStrategy.retryImmediately())
                                .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
                                .circuitBreakerEnabled(false).build())
                        .addExecutionInterceptor(counting).addExecutionInterceptor(faults).addExecutionInterceptor(stop))
                .build();
    }

    /** The request would now go on the wire. Not retryable, so each call is one attempt when nothing is injected. */
    private static final class Sent extends SdkException {
        Sent() {
            super(SdkException.builder().message("Sent"));
        }

        @Override
        public boolean retryable() {
            return false;
        }
    }
}

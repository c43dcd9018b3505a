package com.partnerchannel.licensing.dynamodb;

import com.partnerchannel.licensing.allocation.application.Reservation;
import com.partnerchannel.licensing.common.Backoff;
import com.partnerchannel.licensing.common.PoolId;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.UserId;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static com.partnerchannel.licensing.dynamodb.Attr.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The adapters' own retry loops wait before trying again (docs/faults.md): the keys a BatchGetItem left
 * unprocessed (DynamoDB throttling the batch) and a reservation's close that met another writer are sent
 * again after a {@link Backoff} wait, not at once. On a client that answers as DynamoDB does under load,
 * with the waits recorded instead of slept.
 */
class AdapterBackoffTest {
    private static final String TABLE = "t";
    private static final CompanyId ACME = new CompanyId("acme");

    private final List<Duration> waits = new ArrayList<>();
    private final Backoff recorded = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), waits::add, () -> 0.5);

    @Test
    void keysABatchLeftUnprocessedAreSentAgainAfterABackoffWait() {
        AtomicInteger batches = new AtomicInteger();
        DynamoDbClient dynamo = answering((name, request) -> {
            if (!(request instanceof BatchGetItemRequest batch)) return null;
            KeysAndAttributes keys = batch.requestItems().get(TABLE);
            if (batches.incrementAndGet() <= 2) {
                return BatchGetItemResponse.builder().responses(Map.of()).unprocessedKeys(Map.of(TABLE, keys)).build();
            }
            List<Map<String, AttributeValue>> items = keys.keys().stream().map(key -> Map.of("PK", key.get("PK"),
                    "SK", key.get("SK"), "learnerId", s("user-of-" + key.get("SK").s()))).toList();
            return BatchGetItemResponse.builder().responses(Map.of(TABLE, items)).build();
        });

        Map<String, UserId> existing = new DynamoLearners(dynamo, TABLE, recorded)
                .existingEmails(ACME, List.of("ann@acme.test", "bob@acme.test"));

        assertThat(existing).containsOnlyKeys("ann@acme.test", "bob@acme.test");
        assertThat(batches).hasValue(3);
        assertThat(waits).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100));
    }

    @Test
    void keysThatStayUnprocessedEndInAThrottleOnceTheAttemptsRunOutNotALoopWithoutEnd() {
        AtomicInteger batches = new AtomicInteger();
        DynamoDbClient dynamo = answering((name, request) -> {
            if (!(request instanceof BatchGetItemRequest batch)) return null;
            batches.incrementAndGet();
            return BatchGetItemResponse.builder().responses(Map.of()).unprocessedKeys(batch.requestItems()).build();
        });

        assertThatThrownBy(() -> new DynamoLearners(dynamo, TABLE, recorded).existingEmails(ACME, List.of("ann@acme.test")))
                .isInstanceOfSatisfying(ProvisionedThroughputExceededException.class,
                        e -> assertThat(e.isThrottlingException()).isTrue());
        assertThat(batches).hasValue(BatchGets.ATTEMPTS);
        assertThat(waits).hasSize(BatchGets.ATTEMPTS - 1);
    }

    @Test
    void theNotifiersLookUpOfBouncedAddressesSendsTheKeysLeftUnprocessedAgainAfterABackoffWait() {
        List<Integer> keysAsked = new ArrayList<>();
        DynamoDbClient dynamo = answering((name, request) -> {
            if (!(request instanceof BatchGetItemRequest batch)) return null;
            List<Map<String, AttributeValue>> keys = batch.requestItems().get(TABLE).keys();
            keysAsked.add(keys.size());
            // The first answer holds the first key's item and leaves the other key for later; the second finds nothing.
            if (keysAsked.size() == 1) {
                return BatchGetItemResponse.builder().responses(Map.of(TABLE, List.of(keys.get(0))))
                        .unprocessedKeys(Map.of(TABLE, KeysAndAttributes.builder().keys(keys.subList(1, 2))
                                .consistentRead(true).build())).build();
            }
            return BatchGetItemResponse.builder().responses(Map.of(TABLE, List.of())).build();
        });

        var flagged = new DynamoUndeliverableAddresses(dynamo, TABLE, recorded).among(List.of("it@acme.test", "cfo@acme.test"));

        assertThat(flagged).containsExactly("it@acme.test");
        assertThat(keysAsked).containsExactly(2, 1);
        assertThat(waits).containsExactly(Duration.ofMillis(50));
    }

    @Test
    void closingAReservationThatMetAnotherWriterWaitsBeforeClosingAgain() {
        PoolId pool = new PoolId("pool-1");
        Reservation open = new Reservation(ACME, "renewal-1-r", Map.of(pool, 3), Map.of(pool, 1), true,
                Instant.parse("2026-03-01T09:00:00Z"));
        AtomicInteger transactions = new AtomicInteger();
        DynamoDbClient dynamo = answering((name, request) -> {
            if (request instanceof GetItemRequest) return GetItemResponse.builder().item(ReservationItems.toItem(open)).build();
            if (!(request instanceof TransactWriteItemsRequest transaction)) return null;
            if (transactions.incrementAndGet() <= 2) {
                throw TransactionCanceledException.builder().message("conflict").cancellationReasons(Collections.nCopies(
                        transaction.transactItems().size(), CancellationReason.builder().code("TransactionConflict").build())).build();
            }
            return TransactWriteItemsResponse.builder().build();
        });

        new DynamoReservations(dynamo, TABLE, recorded).close(open);

        assertThat(transactions).hasValue(3);
        assertThat(waits).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100));
    }

    /** A client whose calls {@code answer} answers (the request built from a consumer as the SDK builds it). */
    static DynamoDbClient answering(java.util.function.BiFunction<String, Object, Object> answer) {
        InvocationHandler handler = (proxy, method, args) -> {
            // The interface's Consumer overloads build the request and call the overload that takes it.
            if (args != null && args[0] instanceof java.util.function.Consumer<?>) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            Object answered = args == null ? null : answer.apply(method.getName(), args[0]);
            if (answered == null) throw new UnsupportedOperationException(method.getName() + " was not expected");
            return answered;
        };
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[]{DynamoDbClient.class}, handler);
    }
}

package com.partnerchannel.licensing.dynamodb;

import com.partnerchannel.licensing.allocation.model.LearnerSource;
import com.partnerchannel.licensing.allocation.model.LearnerRole;
import com.partnerchannel.licensing.allocation.application.Reservation;
import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.allocation.model.NewLearner;
import com.partnerchannel.licensing.common.IdempotencyRecord;
import com.partnerchannel.licensing.common.PoolId;
import com.partnerchannel.licensing.common.Transactions;
import com.partnerchannel.licensing.directory.model.DirectoryTokenId;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static com.partnerchannel.licensing.dynamodb.Attr.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every TransactWriteItems is built and committed by {@link Transaction}, whose one reading of a cancellation
 * every adapter shares: other writers first (a failed condition, another transaction on an item) is the
 * caller's to decide on, with the tags of the items whose condition failed; the request's idempotency record's
 * failed condition is the request done before; any other reason is rethrown as DynamoDB gave it. On a client
 * that cancels every transaction with the reasons given.
 */
class TransactionCancellationTest {
    private static final String TABLE = "t";
    private static final CompanyId ACME = new CompanyId("acme");
    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");

    private final AtomicInteger transactions = new AtomicInteger();

    @Test
    void theTagsOfTheItemsWhoseConditionFailedSayWhichItemsAnotherWriterChanged() {
        DynamoDbClient dynamo = cancelling("None", "ConditionalCheckFailed", "TransactionConflict");
        Transaction<String> transaction = new Transaction<String>(TABLE)
                .put("pool", key("a"), "attribute_not_exists(PK)", Map.of(), Map.of())
                .put("email", key("b"), "attribute_not_exists(PK)", Map.of(), Map.of())
                .delete("learner", key("c"), null, Map.of(), Map.of());

        Transaction.Failed failed = catchThrowableOfType(() -> transaction.commit(dynamo), Transaction.Failed.class);

        assertThat(failed.failed).isEqualTo(List.of("email"));
        assertThat(failed.conflict).isTrue();
        assertThat(failed.codes).containsExactly("None", "ConditionalCheckFailed", "TransactionConflict");
        assertThat(failed).hasCauseInstanceOf(TransactionCanceledException.class);
    }

    @Test
    void theIdempotencyRecordsFailedConditionIsTheRequestDoneBeforeAndAChangesIsAConcurrentChange() {
        DynamoTransactions recordTaken = new DynamoTransactions(cancelling("None", "None", "ConditionalCheckFailed"),
                TABLE, Clock.fixed(NOW, ZoneOffset.UTC));
        DynamoTransactions learnerTaken = new DynamoTransactions(cancelling("ConditionalCheckFailed", "None", "None"),
                TABLE, Clock.fixed(NOW, ZoneOffset.UTC));

        assertThatThrownBy(() -> recordTaken.commit(List.of(new NewLearner(ann())), Optional.of(record())))
                .isInstanceOf(Transactions.RequestAlreadyDone.class);
        assertThatThrownBy(() -> learnerTaken.commit(List.of(new NewLearner(ann())), Optional.of(record())))
                .isInstanceOf(Transactions.ConcurrentChange.class)
                .hasMessage("another request changed the same items: [ConditionalCheckFailed, None, None]")
                .hasCauseInstanceOf(TransactionCanceledException.class);
    }

    /** A throttled item is AWS being busy (a 503 with Retry-After), a validation error our failure: neither is a race. */
    @ParameterizedTest
    @ValueSource(strings = {"ValidationError", "ThrottlingError"})
    void aCancellationForAnyOtherReasonIsRethrownByEveryAdapterNotTakenForAnotherWriter(String reason) {
        DynamoDbClient dynamo = cancelling(reason);
        PoolId pool = new PoolId("pool-1");
        Reservation open = new Reservation(ACME, "renewal-1-r", Map.of(pool, 3), Map.of(pool, 1), true, NOW);

        assertThatThrownBy(() -> new DynamoLearners(dynamo, TABLE).add(ACME, List.of(ann()), List.of(), NOW))
                .isInstanceOf(TransactionCanceledException.class);
        assertThatThrownBy(() -> new DynamoReservations(dynamo, TABLE).close(open))
                .isInstanceOf(TransactionCanceledException.class);
        assertThatThrownBy(() -> new DynamoDirectoryTokens(dynamo, TABLE)
                .remove(ACME, new DirectoryTokenId("01JTOKEN000000000000000000")))
                .isInstanceOf(TransactionCanceledException.class);
        assertThatThrownBy(() -> new DynamoTransactions(dynamo, TABLE, Clock.fixed(NOW, ZoneOffset.UTC))
                .commit(List.of(new NewLearner(ann())), Optional.empty()))
                .isInstanceOf(TransactionCanceledException.class);
        assertThat(transactions).as("one request each, none tried again").hasValue(4);
    }

    @Test
    void moreItemsThanOneTransactionHoldsAreRefusedBeforeAnyRequest() {
        DynamoDbClient dynamo = cancelling("None");
        Transaction<Integer> transaction = new Transaction<>(TABLE);
        for (int i = 0; i <= Transaction.MAX_ITEMS; i++) {
            transaction.put(i, key("item-" + i), "attribute_not_exists(PK)", Map.of(), Map.of());
        }

        assertThatThrownBy(() -> transaction.commit(dynamo)).isInstanceOf(IllegalStateException.class)
                .hasMessage("101 writes do not fit one transaction");
        assertThat(transactions).hasValue(0);
    }

    private static Learner ann() {
        return Learner.newUser(new UserId("01JANN0000000000000000000A"), ACME, "ann@acme.test", "Ann", "Lee",
                LearnerRole.learner, LearnerSource.manual, NOW);
    }

    private static IdempotencyRecord record() {
        return new IdempotencyRecord("acme", "user-1", "key-1", "hash", 201, "{}");
    }

    private static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> key(String sk) {
        return Map.of("PK", s("C#acme"), "SK", s(sk));
    }

    /** A client that cancels every transaction, item by item with {@code codes} (the last repeated if it has fewer). */
    private DynamoDbClient cancelling(String... codes) {
        return AdapterBackoffTest.answering((name, request) -> {
            if (!(request instanceof TransactWriteItemsRequest transaction)) return null;
            transactions.incrementAndGet();
            List<CancellationReason> reasons = new ArrayList<>();
            for (int i = 0; i < transaction.transactItems().size(); i++) {
                reasons.add(CancellationReason.builder().code(codes[Math.min(i, codes.length - 1)]).build());
            }
            throw TransactionCanceledException.builder().message("Transaction cancelled, reasons "
                    + Arrays.toString(codes)).cancellationReasons(reasons).build();
        });
    }
}

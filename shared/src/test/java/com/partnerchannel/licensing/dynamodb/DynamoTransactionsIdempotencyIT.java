package com.partnerchannel.licensing.dynamodb;

import com.partnerchannel.licensing.common.IdempotencyRecord;
import com.partnerchannel.licensing.common.Transactions;
import com.partnerchannel.licensing.testing.LocalDynamoDb;
import com.partnerchannel.licensing.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An idempotency record keeps the first response whole, however large, within DynamoDB's 400 KB items. */
class DynamoTransactionsIdempotencyIT {
    private final String table = LocalDynamoDb.freshTable();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-14T09:00:00Z"));
    private final DynamoTransactions transactions = new DynamoTransactions(LocalDynamoDb.client(), table, clock);

    /** Small text, text that gzips under one item, and random text whose gzip needs several part items. */
    @ParameterizedTest
    @ValueSource(ints = {200, 2_000_000, 1_000_000})
    void aResponseOfAnySizeIsKeptAndReadBackAsItWas(int size) {
        String body = size == 2_000_000 ? "{\"rows\":[" + "{\"row\":1,\"result\":\"created\"},".repeat(size / 30) + "]}"
                : randomText(size);
        IdempotencyRecord record = new IdempotencyRecord("01CUST", "user-1", "key-" + size, "hash", 201, body);

        transactions.commit(List.of(), Optional.of(record));

        assertThat(transactions.findRecord("01CUST", "user-1", "key-" + size)).contains(record);
    }

    @Test
    void aSecondWriterOfTheSameKeyIsToldTheRequestWasDoneAndTheFirstBodyStaysWhole() {
        IdempotencyRecord first = new IdempotencyRecord("01CUST", "user-1", "key", "hash", 200, randomText(900_000));
        IdempotencyRecord second = new IdempotencyRecord("01CUST", "user-1", "key", "hash", 200, randomText(900_000));
        transactions.commit(List.of(), Optional.of(first));

        assertThatThrownBy(() -> transactions.commit(List.of(), Optional.of(second)))
                .isInstanceOf(Transactions.RequestAlreadyDone.class);
        assertThat(transactions.findRecord("01CUST", "user-1", "key")).contains(first);
    }

    @Test
    void aRecordPastItsDayIsGoneEvenBeforeTtlDeletesIt() {
        IdempotencyRecord record = new IdempotencyRecord("01CUST", "user-1", "key", "hash", 200, randomText(500_000));
        transactions.commit(List.of(), Optional.of(record));

        clock.advance(Duration.ofHours(25));

        assertThat(transactions.findRecord("01CUST", "user-1", "key")).isEmpty();
    }

    private static String randomText(int length) {
        Random random = new Random(length);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) text.append((char) ('!' + random.nextInt(90)));
        return text.toString();
    }
}

package com.partnerchannel.licensing.api;

import com.partnerchannel.licensing.allocation.application.Reservation;
import com.partnerchannel.licensing.allocation.model.LicencePool;
import com.partnerchannel.licensing.memory.InMemoryTable;
import com.partnerchannel.licensing.testing.LocalDynamoDb;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seat ledger as the table holds it: for every pool, 0 ≤ allocated ≤ seats, and allocated equals
 * the number of learners holding a seat of that pool.
 */
final class Seats {
    private Seats() {
    }

    static void assertLedgerBalances(String table) {
        assertLedgerBalances(LocalDynamoDb.snapshot(table));
    }

    /** The same ledger over every item of a table, however it was read. */
    static void assertLedgerBalances(List<Map<String, AttributeValue>> items) {
        Map<String, Integer> holders = new HashMap<>();
        for (Map<String, AttributeValue> item : items) {
            if (item.get("SK").s().startsWith("USER#") && item.containsKey("poolId")) {
                holders.merge(item.get("poolId").s(), 1, Integer::sum);
            }
        }
        for (Map<String, AttributeValue> item : items) {
            if (!item.get("SK").s().startsWith("POOL#")) continue;
            String pool = item.get("poolId").s();
            int allocated = Integer.parseInt(item.get("allocated").n());
            int seats = Integer.parseInt(item.get("seats").n());
            assertThat(allocated).as("allocated of pool " + pool).isBetween(0, seats);
            assertThat(allocated).as("allocated of pool " + pool + " against the learners holding its seats")
                    .isEqualTo(holders.getOrDefault(pool, 0));
        }
        assertThat(items.stream().filter(i -> i.get("SK").s().startsWith("RESERVATION#")
                && i.get("open").bool())).as("reservations left open").isEmpty();
    }

    /** The same ledger over the in-memory table. */
    static void assertLedgerBalances(InMemoryTable memory) {
        Map<String, Integer> holders = new HashMap<>();
        memory.learners().forEach(learner -> learner.poolId().ifPresent(pool -> holders.merge(pool.value(), 1, Integer::sum)));
        for (LicencePool pool : memory.pools()) {
            assertThat(pool.allocated()).as("allocated of pool " + pool.poolId()).isBetween(0, pool.seats());
            assertThat(pool.allocated()).as("allocated of pool " + pool.poolId() + " against the learners holding its seats")
                    .isEqualTo(holders.getOrDefault(pool.poolId().value(), 0));
        }
        assertThat(memory.reservations().stream().filter(Reservation::open)).as("reservations left open").isEmpty();
    }

    static int allocated(String table, String poolId) {
        return LocalDynamoDb.snapshot(table).stream().filter(i -> i.get("SK").s().equals("POOL#" + poolId))
                .mapToInt(i -> Integer.parseInt(i.get("allocated").n())).findFirst().orElseThrow();
    }
}

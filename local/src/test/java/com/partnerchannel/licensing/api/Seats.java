package com.partnerchannel.licensing.api;

import com.partnerchannel.licensing.allocation.application.Reservation;
import com.partnerchannel.licensing.allocation.model.LearnerCounting;
import com.partnerchannel.licensing.allocation.model.LicencePool;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.LearnerCounts;
import com.partnerchannel.licensing.memory.InMemoryTable;
import com.partnerchannel.licensing.testing.LocalDynamoDb;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seat ledger as the table holds it: for every pool, 0 ≤ allocated ≤ seats, and allocated equals
 * the number of learners holding a seat of that pool; and every company's licence counters equal its learners
 * in each counted place.
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
        assertCountersAreRecounts(items);
    }

    /**
     * Every company item that carries licence counters holds exactly the learners of each place: recorded
     * unlicensed, recorded archived, and trial licences (recorded active or expired without a pool)
     * (docs/data-model.md, "Licence counts on the company item").
     */
    static void assertCountersAreRecounts(List<Map<String, AttributeValue>> items) {
        Map<String, List<Integer>> recounted = new HashMap<>();
        for (Map<String, AttributeValue> item : items) {
            if (!item.get("SK").s().startsWith("USER#") || !item.containsKey("licenceStatus")) continue;
            List<Integer> counts = recounted.computeIfAbsent(item.get("PK").s(), pk -> new java.util.ArrayList<>(List.of(0, 0, 0)));
            String status = item.get("licenceStatus").s();
            int place = status.equals("unlicensed") ? 0 : status.equals("archived") ? 1 : item.containsKey("poolId") ? -1 : 2;
            if (place >= 0) counts.set(place, counts.get(place) + 1);
        }
        for (Map<String, AttributeValue> item : items) {
            if (!item.get("SK").s().equals("COMPANY") || !item.containsKey("countedSince")) continue;
            List<Integer> counters = List.of(counter(item, "unlicensedLearners"), counter(item, "archivedLearners"),
                    counter(item, "trialLicences"));
            assertThat(counters).as("counters (unlicensed, archived, trial licences) of " + item.get("PK").s()
                    + " against its learners").isEqualTo(recounted.getOrDefault(item.get("PK").s(), List.of(0, 0, 0)));
        }
    }

    private static int counter(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? Integer.parseInt(item.get(name).n()) : 0;
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
        Map<CompanyId, LearnerCounts.Delta> recounted = new HashMap<>();
        memory.learners().forEach(learner -> recounted.merge(learner.companyId(), LearnerCounting.of(learner),
                LearnerCounts.Delta::plus));
        for (Company company : memory.companies()) {
            company.learnerCounts().ifPresent(counters -> assertThat(new LearnerCounts.Delta(counters.unlicensed(),
                    counters.archived(), counters.trialLicences())).as("counters of " + company.companyId()
                    + " against its learners").isEqualTo(recounted.getOrDefault(company.companyId(), LearnerCounts.Delta.NONE)));
        }
    }

    static int allocated(String table, String poolId) {
        return LocalDynamoDb.snapshot(table).stream().filter(i -> i.get("SK").s().equals("POOL#" + poolId))
                .mapToInt(i -> Integer.parseInt(i.get("allocated").n())).findFirst().orElseThrow();
    }
}

package com.partnerchannel.licensing.api;

import com.partnerchannel.licensing.config.Expiries;
import com.partnerchannel.licensing.expiry.application.Sweep;
import com.partnerchannel.licensing.expiry.application.SweepingExpiries;
import com.partnerchannel.licensing.testing.InProcessApi;
import com.partnerchannel.licensing.testing.LocalDynamoDb;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The nightly sweep on a simulated clock: 400 days, customers with pools of different dates (two of
 * them assigned at the same instant), trials (one upgraded before it ends), learners; nights missed
 * (one run of seven, so an expiry notice comes more than 7 days late), nights run twice, two runs at
 * once, runs that crash half-way and are run again. Every notice exactly once; none that should not be.
 */
class ExpirySweepIT {
    private static final Duration NIGHT = Duration.ofHours(2).plusMinutes(15);

    private final Tenants tenants = new Tenants();
    private final InProcessApi api = tenants.api;
    private final FaultyDynamoDb faults = FaultyDynamoDb.around(LocalDynamoDb.client());
    private final SweepingExpiries sweep = Expiries.sweeping(LocalDynamoDb.client(), tenants.table, tenants.clock);
    private final SweepingExpiries faultySweep = Expiries.sweeping(faults.client(), tenants.table, tenants.clock);
    private final Instant start = tenants.clock.instant();

    /** What the ledger must hold: (company, kind, expiresAt, trial) → outcome. */
    private record Expected(String companyId, String kind, Instant expiresAt, boolean trial) {
    }

    @Test
    @DisplayName("400 simulated days: every notice exactly once, none that should not exist, expired state recorded")
    void fourHundredDays() throws Exception {
        Tenants.Tenant distributor = tenants.aDistributor();
        Tenants.Tenant msp = tenants.anMspUnder(distributor);
        List<Tenants.Tenant> customers = new ArrayList<>();
        for (int i = 0; i < 4; i++) customers.add(tenants.aCustomerUnder(msp));

        // Day → what happens that day at 11:00 (before that night's sweep, which is at 02:15 the next day).
        Map<Integer, List<Runnable>> days = new TreeMap<>();
        Consumer<Object[]> on = args -> days.computeIfAbsent((Integer) args[0], d -> new ArrayList<>()).add((Runnable) args[1]);
        on.accept(new Object[]{0, (Runnable) () -> assign(msp, customers.get(0), 5)});
        on.accept(new Object[]{0, (Runnable) () -> {
            // Two pools of one customer assigned at the same instant: one notice of each kind for both.
            assign(msp, customers.get(1), 3);
            assign(msp, customers.get(1), 4);
        }});
        on.accept(new Object[]{1, (Runnable) () -> addLearners(customers.get(0), 3)});
        on.accept(new Object[]{1, (Runnable) () -> addLearners(customers.get(1), 2)});
        on.accept(new Object[]{3, (Runnable) () -> assign(msp, customers.get(2), 10)});
        on.accept(new Object[]{3, (Runnable) () -> addLearners(customers.get(2), 4)});
        on.accept(new Object[]{9, (Runnable) () -> assign(msp, customers.get(3), 2)});
        on.accept(new Object[]{20, (Runnable) () -> assign(msp, customers.get(0), 7)});
        on.accept(new Object[]{2, (Runnable) () -> {
            Tenants.Tenant trial = tenants.aCustomerUnder(msp, "trial");
            expiries.add(Instant.parse(trial.json().path("trialEndsAt").asText()));
            addLearners(trial, 2);
        }});
        on.accept(new Object[]{100, (Runnable) () -> {
            Tenants.Tenant trial = tenants.aCustomerUnder(msp, "trial");
            longGapTrial = new Expected(trial.companyId(), "expiry", Instant.parse(trial.json().path("trialEndsAt").asText()), true);
            expiries.add(Instant.parse(trial.json().path("trialEndsAt").asText()));
            addLearners(trial, 1);
        }});
        on.accept(new Object[]{150, (Runnable) () -> {
            // Upgraded on day 5 of its trial: it leaves the expiry index, so it gets no trial notices.
            Tenants.Tenant trial = tenants.aCustomerUnder(msp, "trial");
            tenants.clock.advance(Duration.ofDays(5));
            InProcessApi.Response order = api.post(trial.manager(), "/companies/" + trial.companyId() + "/orders",
                    Map.of("quantity", 2, "kind", "upgrade"));
            assertThat(api.post(msp.manager(), "/orders/" + order.json().path("orderId").asText() + "/assign", null)
                    .status()).isEqualTo(200);
            tenants.clock.advance(Duration.ofDays(-5));
        }});

        // Nights missed: scattered ones, seven in a row after customer 3's expiry (day 9 + 365 = 374), and
        // thirteen in a row over the end of the day-100 trial (day 130): longer than the 8 days a run looks back.
        Set<Integer> missed = new java.util.HashSet<>(Set.of(30, 31, 200, 362, 363, 366, 385));
        for (int night = 375; night <= 381; night++) missed.add(night);
        for (int night = 128; night <= 140; night++) missed.add(night);

        List<Instant> sweeps = new ArrayList<>();
        int crashes = 0;
        int runs = 0;
        long started = System.nanoTime();
        for (int day = 0; day < 400; day++) {
            tenants.clock.set(midnight(day).plus(Duration.ofHours(11)));
            for (Runnable action : days.getOrDefault(day, List.of())) action.run();
            Instant night = midnight(day + 1).plus(NIGHT);
            tenants.clock.set(night);
            if (missed.contains(day + 1)) continue;
            boolean quiet = quiet(night, sweeps.isEmpty() ? Optional.empty() : Optional.of(sweeps.get(sweeps.size() - 1)));
            if (quiet && day % 30 != 0) continue; // nothing in its window: one night a month shows it does nothing
            if (quiet) {
                Sweep idle = sweep.sweep();
                assertThat(idle.entriesRead()).isZero();
                sweeps.add(night);
                continue;
            }
            switch (day % 6) {
                case 0 -> faults.dieAtTransaction(2);
                case 1 -> faults.failTransaction(1, FaultyDynamoDb.When.AFTER_THE_WRITE);
                default -> faults.heal();
            }
            if (day % 6 < 2) {
                Sweep crashed = faultySweep.sweep();
                runs++;
                if (!crashed.failures().isEmpty()) crashes++;
                faults.heal();
            }
            if (day % 5 == 0) {
                CompletableFuture<Sweep> other = CompletableFuture.supplyAsync(sweep::sweep);
                runs++;
                Sweep mine = sweep.sweep();
                assertThat(mine.failures()).isEmpty();
                assertThat(other.get().failures()).isEmpty();
            } else {
                assertThat(sweep.sweep().failures()).isEmpty();
            }
            runs++;
            if (day % 4 == 0) {
                assertThat(sweep.sweep().failures()).isEmpty();
                runs++;
            }
            sweeps.add(night);
        }

        System.out.printf("ExpirySweepIT: %d nights swept, %d runs, %d crashed, %d ms%n", sweeps.size(), runs, crashes,
                (System.nanoTime() - started) / 1_000_000);
        Map<Expected, String> expected = expected(sweeps);
        Map<Expected, String> actual = new HashMap<>();
        Map<String, Integer> eventsByNotice = new HashMap<>();
        List<Map<String, AttributeValue>> items = LocalDynamoDb.snapshot(tenants.table);
        for (Map<String, AttributeValue> item : items) {
            String sk = item.get("SK").s();
            if (sk.startsWith("NOTICE#")) {
                Expected key = new Expected(item.get("companyId").s(), item.get("kind").s(),
                        Instant.parse(item.get("expiresAt").s()), "trial".equals(item.get("licenceType").s()));
                assertThat(actual.put(key, item.get("outcome").s())).as("one ledger entry for " + key).isNull();
                if (item.containsKey("eventId")) eventsByNotice.merge(item.get("eventId").s(), 0, Integer::sum);
            }
        }
        for (Map<String, AttributeValue> item : items) {
            if (item.get("SK").s().startsWith("EVENT#") && item.get("eventType").s().startsWith("Licences")) {
                assertThat(eventsByNotice).as("every notice event belongs to a ledger entry").containsKey(item.get("eventId").s());
                eventsByNotice.merge(item.get("eventId").s(), 1, Integer::sum);
            }
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(eventsByNotice.values()).as("one event per published notice").allMatch(n -> n == 1);
        assertThat(actual.values().stream().filter("published"::equals).count()).isEqualTo(eventsByNotice.size());
        // The scenario covers what it claims to.
        assertThat(expected.values()).contains("published", "skipped");
        assertThat(expected.keySet()).anyMatch(Expected::trial);
        assertThat(crashes).isGreaterThan(0);
        assertThat(actual).as("the trial that ended in the 13 missed nights: recorded, too late to send")
                .containsEntry(longGapTrial, "skipped")
                .containsEntry(new Expected(longGapTrial.companyId(), "reminder", longGapTrial.expiresAt(), true), "skipped");

        // Expired state: no learner whose expiry a sweep saw is still recorded active.
        Instant last = sweeps.get(sweeps.size() - 1);
        for (Map<String, AttributeValue> item : items) {
            if (!item.get("SK").s().startsWith("USER#") || !item.containsKey("expiresAt")) continue;
            Instant expiresAt = Instant.parse(item.get("expiresAt").s());
            boolean trial = "trial".equals(item.get("licenceType") == null ? null : item.get("licenceType").s());
            Expected key = new Expected(item.get("companyId").s(), "expiry", expiresAt, trial);
            if (expiresAt.isBefore(last) && expected.containsKey(key)) {
                assertThat(item.get("licenceStatus").s()).as(item.get("email").s()).isEqualTo("expired");
                assertThat(item.get("GSI5PK").s()).endsWith("#LEARNERS#expired");
            }
        }
        for (Map<String, AttributeValue> item : items) {
            if (!item.get("SK").s().startsWith("POOL#")) continue;
            Expected key = new Expected(item.get("companyId").s(), "expiry", Instant.parse(item.get("expiresAt").s()), false);
            if (expected.containsKey(key)) assertThat(item.get("recordedStatus").s()).isEqualTo("expired");
        }
    }

    @Test
    @DisplayName("recording a pool's expiry reads that pool's learners, not the company's other learners")
    void theSweepReadsTheLearnersOfWhatExpiresOnly() {
        Tenants.Tenant msp = tenants.anMspUnder(tenants.aDistributor());
        Tenants.Tenant customer = tenants.aCustomerUnder(msp);
        assign(msp, customer, 3);
        addLearners(customer, 2); // with the manager: the pool's 3 seats
        tenants.clock.advance(Duration.ofDays(100));
        assign(msp, customer, 40);
        addLearners(customer, 40); // active on the second pool, which expires 100 days later
        tenants.clock.set(expiries.get(0).plus(Duration.ofHours(1)));
        List<String> learnerReads = new ArrayList<>();
        SweepingExpiries counted = Expiries.sweeping(CountingQueries.around(LocalDynamoDb.client(), learnerReads),
                tenants.table, tenants.clock);

        Sweep swept = counted.sweep();

        assertThat(swept.failures()).isEmpty();
        assertThat(learnerReads).as("GSI5 queries: items the key condition read (ScannedCount)")
                .containsExactly("scanned 3");
        InProcessApi.Response licences = api.get(customer.manager(), "/companies/" + customer.companyId() + "/licences");
        assertThat(licences.json().path("counts").path("expired").asInt()).isEqualTo(3);
        assertThat(licences.json().path("counts").path("active").asInt()).isEqualTo(40);
    }

    /** A client that notes each query of the learners index (GSI5) and how many items its key condition read. */
    private static final class CountingQueries implements java.lang.reflect.InvocationHandler {
        private final software.amazon.awssdk.services.dynamodb.DynamoDbClient real;
        private final List<String> reads;
        private software.amazon.awssdk.services.dynamodb.DynamoDbClient proxy;

        private CountingQueries(software.amazon.awssdk.services.dynamodb.DynamoDbClient real, List<String> reads) {
            this.real = real;
            this.reads = reads;
        }

        static software.amazon.awssdk.services.dynamodb.DynamoDbClient around(
                software.amazon.awssdk.services.dynamodb.DynamoDbClient real, List<String> reads) {
            CountingQueries handler = new CountingQueries(real, reads);
            handler.proxy = (software.amazon.awssdk.services.dynamodb.DynamoDbClient) java.lang.reflect.Proxy
                    .newProxyInstance(software.amazon.awssdk.services.dynamodb.DynamoDbClient.class.getClassLoader(),
                            new Class<?>[]{software.amazon.awssdk.services.dynamodb.DynamoDbClient.class}, handler);
            return handler.proxy;
        }

        @Override
        public Object invoke(Object self, java.lang.reflect.Method method, Object[] args) throws Throwable {
            boolean oneQuery = args != null && args.length == 1 && args[0] instanceof QueryRequest;
            // The real paginator would page through the real client: page through this one instead.
            if (oneQuery && method.getName().equals("queryPaginator")) {
                return new software.amazon.awssdk.services.dynamodb.paginators.QueryIterable(proxy, (QueryRequest) args[0]);
            }
            try {
                Object result = method.invoke(real, args);
                if (oneQuery && method.getName().equals("query") && "GSI5".equals(((QueryRequest) args[0]).indexName())) {
                    synchronized (reads) {
                        reads.add("scanned " + ((software.amazon.awssdk.services.dynamodb.model.QueryResponse) result).scannedCount());
                    }
                }
                return result;
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    /** The rules, independently: each (customer, moment) the sweeps could see, and what its first sweep does. */
    private Map<Expected, String> expected(List<Instant> sweeps) {
        Map<Expected, String> expected = new HashMap<>();
        for (Map<String, AttributeValue> item : LocalDynamoDb.snapshot(tenants.table)) {
            String sk = item.get("SK").s();
            Instant expiresAt;
            boolean trial;
            if (sk.startsWith("POOL#")) {
                expiresAt = Instant.parse(item.get("expiresAt").s());
                trial = false;
            } else if (sk.equals("COMPANY") && item.containsKey("GSI4PK")) {
                expiresAt = Instant.parse(item.get("trialEndsAt").s());
                trial = true;
            } else {
                continue;
            }
            String company = item.get("companyId").s();
            for (int k = 0; k < sweeps.size(); k++) {
                Instant s = sweeps.get(k);
                Instant from = windowStart(s, k == 0 ? Optional.empty() : Optional.of(sweeps.get(k - 1)));
                boolean seen = !expiresAt.isBefore(from) && !expiresAt.isAfter(s.plus(Duration.ofHours(72)));
                if (!seen) continue;
                Expected reminder = new Expected(company, "reminder", expiresAt, trial);
                if (!expected.containsKey(reminder)) expected.put(reminder, s.isBefore(expiresAt) ? "published" : "skipped");
                if (!s.isBefore(expiresAt)) {
                    Expected notice = new Expected(company, "expiry", expiresAt, trial);
                    if (!expected.containsKey(notice)) {
                        expected.put(notice, s.isBefore(expiresAt.plus(Duration.ofDays(7))) ? "published" : "skipped");
                    }
                }
            }
        }
        return expected;
    }

    private Instant midnight(int day) {
        return start.truncatedTo(java.time.temporal.ChronoUnit.DAYS).plus(Duration.ofDays(day));
    }

    private void assign(Tenants.Tenant msp, Tenants.Tenant customer, int seats) {
        String orderId = tenants.anOrderFor(customer, seats);
        InProcessApi.Response assigned = api.post(msp.manager(), "/orders/" + orderId + "/assign", null);
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
        expiries.add(com.partnerchannel.licensing.allocation.model.LicencePool.expiryFor(
                Instant.parse(assigned.json().path("assignedAt").asText())));
    }

    private int learners;
    /** The expiry notice of the trial that ends during the longest run of missed nights. */
    private Expected longGapTrial;
    /** Every moment something expires, as the test made it. */
    private final List<Instant> expiries = new ArrayList<>();

    /** No expiry within this night's window (see {@link #windowStart}, to 72 hours ahead). */
    private boolean quiet(Instant night, Optional<Instant> lastCompleted) {
        Instant from = windowStart(night, lastCompleted);
        return expiries.stream().noneMatch(e -> !e.isBefore(from) && !e.isAfter(night.plus(Duration.ofHours(72))));
    }

    /** A run reads back 8 days, or to the last run that completed if that was longer ago. */
    private static Instant windowStart(Instant run, Optional<Instant> lastCompleted) {
        Instant eightDays = run.minus(Duration.ofDays(8));
        return lastCompleted.filter(last -> last.isBefore(eightDays)).orElse(eightDays);
    }

    private void addLearners(Tenants.Tenant customer, int count) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = ++learners;
            rows.add(Map.of("email", "learner" + n + "@example.com", "firstName", "L" + n, "lastName", "Earner"));
        }
        InProcessApi.Response added = api.post(customer.manager(), "/companies/" + customer.companyId() + "/learners",
                Map.of("learners", rows));
        assertThat(added.status()).as(added.toString()).isIn(200, 201);
    }
}

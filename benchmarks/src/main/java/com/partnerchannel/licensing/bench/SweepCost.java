package com.partnerchannel.licensing.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerchannel.licensing.common.Ulids;
import com.partnerchannel.licensing.config.Expiries;
import com.partnerchannel.licensing.config.Licensing;
import com.partnerchannel.licensing.dynamodb.DynamoExpiringLicences;
import com.partnerchannel.licensing.expiry.application.Sweep;
import com.partnerchannel.licensing.expiry.model.Expiring;
import com.partnerchannel.licensing.tenancy.model.Actor;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.Role;
import com.partnerchannel.licensing.tenancy.model.UserId;
import com.partnerchannel.licensing.testing.InProcessApi;
import com.partnerchannel.licensing.testing.MutableClock;
import com.partnerchannel.licensing.testing.TemplateTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

import static com.partnerchannel.licensing.bench.BulkAllocation.expect;
import static com.partnerchannel.licensing.bench.BulkAllocation.managerOf;
import static com.partnerchannel.licensing.bench.Report.f0;
import static com.partnerchannel.licensing.bench.Report.f1;
import static com.partnerchannel.licensing.bench.Report.header;
import static com.partnerchannel.licensing.bench.Report.load;
import static com.partnerchannel.licensing.bench.Report.row;

/**
 * The nightly sweep's cost against the number of licences stored. Each table holds the same fixed set
 * of expiring pools for each of two nights, and a bulk of stored licences (learners in pools) that
 * expire on other days of the year; the bulk is {@code --stored} in one table and ten times that in
 * the other. One sweep per night is measured through the real use case ({@link Expiries#sweeping},
 * what the expiry-sweep function runs) with a fixed clock, on a {@code DynamoDbClient} whose SDK
 * interceptor counts requests by operation (queries by index) and the items they return.
 *
 * <p>DynamoDB Local runs in this JVM as a loopback server ({@link BulkAllocation.InProcessServer}:
 * {@code ServerRunner -inMemory -disableTelemetry}). The tables are created from template.yaml and
 * everything is written through the real handlers ({@link InProcessApi}): companies, orders, their
 * assignment (which creates the pool with its expiry-index keys) and the learners, each step at the
 * moment the benchmark's clock says, so a pool expires 12 months after its assignment.
 *
 * <p>{@code --neighbours M} stores licences beside the expiring ones instead: each expiring customer also
 * holds M active learners on a second pool, which expires 60 days after the night. Compare runs with
 * {@code --neighbours 0} and, say, {@code 250}: the sweep reads each expiring pool's learners, and should
 * read none of its neighbours.
 *
 * <p>Usage: {@code SweepCost [--stored 5000] [--factor 10] [--pool-size 50] [--pools-per-customer 10]
 * [--expiring 20] [--expiring-learners 25] [--neighbours 0]}. Prints Markdown; fails when a sweep does not
 * do what the rules say. Asserts nothing about time.
 */
public final class SweepCost {
    private static final Actor PLATFORM_ADMIN =
            new Actor(new UserId("bench-admin"), new CompanyId("PLATFORM"), Role.platform_admin);
    /** The two measured nights, 30 days apart; the stored bulk expires at least 15 days from either. */
    private static final List<Instant> NIGHTS = List.of(Instant.parse("2027-03-10T02:15:00Z"),
            Instant.parse("2027-04-09T02:15:00Z"));
    private static final Duration KEEP_CLEAR = Duration.ofDays(15);

    private SweepCost() {
    }

    record Options(int stored, int factor, int poolSize, int poolsPerCustomer, int expiring, int expiringLearners,
                   int neighbours, boolean stream) {
        static Options parse(String[] args) {
            int stored = 5_000;
            int factor = 10;
            int poolSize = 50;
            int perCustomer = 10;
            int expiring = 20;
            int expiringLearners = 25;
            int neighbours = 0;
            boolean stream = true;
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (option.equals("--no-stream")) {
                    stream = false;
                    continue;
                }
                if (i + 1 >= args.length) throw new IllegalArgumentException(option + " needs a value");
                int value = Integer.parseInt(args[++i]);
                switch (option) {
                    case "--stored" -> stored = value;
                    case "--factor" -> factor = value;
                    case "--pool-size" -> poolSize = value;
                    case "--pools-per-customer" -> perCustomer = value;
                    case "--expiring" -> expiring = value;
                    case "--expiring-learners" -> expiringLearners = value;
                    case "--neighbours" -> neighbours = value;
                    default -> throw new IllegalArgumentException("unknown option " + option + "; usage: SweepCost"
                            + " [--stored 5000] [--factor 10] [--pool-size 50] [--pools-per-customer 10]"
                            + " [--expiring 20] [--expiring-learners 25] [--neighbours 0] [--no-stream]");
                }
            }
            if (stored % (poolSize * perCustomer) != 0 || perCustomer > 10) {
                throw new IllegalArgumentException("--stored must be a multiple of --pool-size × --pools-per-customer;"
                        + " --pools-per-customer at most 10");
            }
            if (expiring % 2 != 0) throw new IllegalArgumentException("--expiring must be even (half ahead, half expired)");
            return new Options(stored, factor, poolSize, perCustomer, expiring, expiringLearners, neighbours, stream);
        }
    }

    /** What the table held when its nights were swept. */
    record Stored(String table, String label, int bulkLearners, long learners, long pools, long items, double seedSeconds,
                  double bulkWriteSeconds) {
    }

    /** One measured sweep. */
    record Run(Stored stored, int night, Instant at, Sweep sweep, long wallNanos,
               Map<String, RequestCounter.Operation> ops, String loadBefore, String loadAfter, int order) {
        long requests() {
            return ops.values().stream().mapToLong(op -> op.calls).sum();
        }

        /** Items returned by the reads (Query, GetItem). */
        long itemsRead() {
            return ops.values().stream().filter(op -> isRead(op.name)).mapToLong(op -> op.items).sum();
        }

        double readUnits() {
            return ops.values().stream().filter(op -> isRead(op.name)).mapToDouble(op -> op.capacityUnits).sum();
        }

        RequestCounter.Operation op(String name) {
            return ops.getOrDefault(name, new RequestCounter.Operation(name));
        }
    }

    /** The reads the sweep makes, by the counter's names: {@code Query GSI4}, {@code GetItem}. */
    static boolean isRead(String operation) {
        return operation.startsWith("Query") || operation.equals("GetItem");
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        try (BulkAllocation.Server server = BulkAllocation.InProcessServer.start()) {
            DynamoDbClient plain = server.client();
            // Queries by their index; the capacity DynamoDB Local reports asked of every read.
            RequestCounter counter = new RequestCounter(true, true);
            DynamoDbClient counted = server.client(counter);
            printSetup(options);

            // Warm-up: the template table (with both nights' expiring sets) swept once per night, not reported.
            Template template = template(plain, options);
            Stored warm = template.stored();
            System.out.printf(Locale.ROOT, "- template and warm-up table: %,d learners in %,d pools (%,d items), all through"
                    + " the API, in %.0f s; swept on both nights first, not reported%n", warm.learners(), warm.pools(),
                    warm.items(), warm.seedSeconds());
            for (int night = 0; night < NIGHTS.size(); night++) sweep(counted, counter, warm, night, options);
            sweeps = 0;

            List<Stored> tables = new ArrayList<>();
            for (int size : List.of(options.stored(), options.stored() * options.factor())) {
                Stored stored = seed(plain, template, "sweep-" + (tables.size() + 1) + "-" + size, size, options);
                System.out.printf(Locale.ROOT, "- %s: seeded %,d learners in %,d pools (%,d items) in %.0f s, of which"
                                + " %.0f s writing the cloned bulk%n", stored.label(), stored.learners(), stored.pools(),
                        stored.items(), stored.seedSeconds(), stored.bulkWriteSeconds());
                tables.add(stored);
            }
            // Both tables first, then the sweeps in turns (night 1 on each, then night 2 on each), so that the
            // sizes are compared under the same load of the host.
            List<Run> runs = new ArrayList<>();
            for (int night = 0; night < NIGHTS.size(); night++) {
                for (Stored stored : tables) runs.add(sweep(counted, counter, stored, night, options));
            }
            runs.sort(java.util.Comparator.comparingInt((Run r) -> r.stored().bulkLearners()).thenComparingInt(Run::night));
            print(runs, options);
        }
        System.exit(0);
    }

    // ---------------------------------------------------------------------------------------------
    // The data

    /**
     * The template table: the partner and two customers, written through the real handlers, whose
     * items every measured table's bulk is cloned from: customer A's {@code poolsPerCustomer} pools
     * expire 8 days apart from 1 November 2026, customer B's 16 days apart from 26 April 2027. With
     * the two nights' expiring sets added afterwards, it is also the warm-up table.
     */
    private static Template template(DynamoDbClient dynamo, Options options) {
        long started = System.nanoTime();
        String table = "sweep-template";
        createTable(dynamo, table, options);
        MutableClock clock = new MutableClock(Instant.parse("2025-10-01T08:00:00Z"));
        InProcessApi api = new InProcessApi(new Licensing(dynamo, table, clock));
        Actor partner = partner(api);
        List<List<Map<String, AttributeValue>>> customers = new ArrayList<>();
        for (String name : List.of("A", "B")) {
            List<Instant> expiries = new ArrayList<>();
            for (int p = 0; p < options.poolsPerCustomer(); p++) {
                LocalDate day = name.equals("A") ? LocalDate.parse("2026-11-01").plusDays(8L * p)
                        : LocalDate.parse("2027-04-26").plusDays(16L * p);
                expiries.add(day.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofMinutes(9 * 60 + 37L * p)));
            }
            String companyId = customer(api, clock, partner, "template" + name, expiries, options.poolSize());
            List<Map<String, AttributeValue>> items = new ArrayList<>();
            dynamo.queryPaginator(QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("PK = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("C#" + companyId))).build())
                    .forEach(page -> items.addAll(page.items()));
            for (Map<String, AttributeValue> item : items) {
                if (item.get("SK").s().startsWith("POOL#") && !expiryPartition(item).equals(item.get("GSI4PK").s())) {
                    throw new IllegalStateException("the bench's expiry partition " + expiryPartition(item)
                            + " is not the one the code wrote: " + item.get("GSI4PK").s());
                }
            }
            customers.add(items);
        }
        addExpiringSets(api, clock, partner, options);
        int bulk = 2 * options.poolsPerCustomer() * options.poolSize();
        Stored stored = stored(dynamo, table, "template (warm-up)", bulk, options, (System.nanoTime() - started) / 1e9, 0);
        return new Template(partner, customers, stored);
    }

    /** The template's two customers, and what the table holds with them. */
    record Template(Actor partner, List<List<Map<String, AttributeValue>>> customers, Stored stored) {
    }

    /**
     * A measured table: its partner and the two nights' expiring sets through the real handlers, and
     * {@code bulk} learners as clones of the template's customers, written with BatchWriteItem.
     */
    private static Stored seed(DynamoDbClient dynamo, Template template, String table, int bulk, Options options) {
        long started = System.nanoTime();
        createTable(dynamo, table, options);
        MutableClock clock = new MutableClock(Instant.parse("2025-10-01T08:00:00Z"));
        InProcessApi api = new InProcessApi(new Licensing(dynamo, table, clock));
        Actor partner = partner(api);

        int unit = options.poolsPerCustomer() * options.poolSize();
        int clones = bulk / unit;
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        List<Map<String, AttributeValue>> someClone = List.of();
        for (int u = 0; u < clones; u++) {
            int k = u / 2;
            Duration shift = Duration.ofDays(k * 7L % 30).plus(Duration.ofMinutes(k * 53L % 600));
            // The template's partner and its manager (who assigned the orders) become this table's.
            someClone = Clones.of(template.customers().get(u % 2), Map.of(
                    template.partner().companyId().value(), partner.companyId().value(),
                    template.partner().userId().value(), partner.userId().value()), shift);
            for (Map<String, AttributeValue> item : someClone) {
                if (!item.get("SK").s().startsWith("POOL#")) continue;
                Instant expiresAt = Instant.parse(item.get("expiresAt").s());
                if (NIGHTS.stream().anyMatch(n -> Duration.between(n, expiresAt).abs().compareTo(KEEP_CLEAR) <= 0)) {
                    throw new IllegalStateException("a cloned pool expires at " + expiresAt + ", near a night");
                }
            }
            items.addAll(someClone);
        }
        long writing = System.nanoTime();
        Clones.write(dynamo, table, items);
        double writeSeconds = (System.nanoTime() - writing) / 1e9;
        System.err.printf(Locale.ROOT, "%s: %,d cloned items written in %.0f s%n", table, items.size(), writeSeconds);
        if (clones > 0) checkThroughTheApi(api, clock, someClone, options);

        addExpiringSets(api, clock, partner, options);
        String label = "N = " + String.format(Locale.ROOT, "%,d", bulk) + (options.factor() == 1 ? " (" + table + ")" : "");
        Stored stored = stored(dynamo, table, label, bulk, options,
                (System.nanoTime() - started) / 1e9, writeSeconds);
        // The real index reader over the whole bulk year finds every pool: the clones' expiry keys are sound.
        long reading = System.nanoTime();
        List<Expiring> all = new DynamoExpiringLicences(dynamo, table)
                .between(Instant.parse("2026-10-25T00:00:00Z"), Instant.parse("2027-11-30T00:00:00Z"));
        long expected = (long) clones * options.poolsPerCustomer()
                + (long) NIGHTS.size() * options.expiring() * (options.neighbours() > 0 ? 2 : 1);
        if (all.size() != expected || all.stream().anyMatch(Expiring::isTrial)) {
            throw new IllegalStateException(table + ": the expiry index holds " + all.size() + " entries, expected "
                    + expected + " pools");
        }
        System.err.printf(Locale.ROOT, "%s: the expiry index read over 13 months holds %,d pools (%.0f s)%n", table,
                all.size(), (System.nanoTime() - reading) / 1e9);
        return stored;
    }

    /** One clone read back through the licence overview: its pools, seats and allocations as cloned. */
    private static void checkThroughTheApi(InProcessApi api, MutableClock clock, List<Map<String, AttributeValue>> clone,
                                           Options options) {
        Map<String, AttributeValue> company = clone.stream().filter(i -> i.get("SK").s().equals("COMPANY"))
                .findFirst().orElseThrow();
        Actor manager = new Actor(new UserId(company.get("managers").l().get(0).m().get("userId").s()),
                new CompanyId(company.get("companyId").s()), Role.manager);
        clock.set(Instant.parse("2026-10-01T00:00:00Z"));
        JsonNode licences = expect(api.get(manager, "/companies/" + manager.companyId().value() + "/licences"), 200,
                "reading a clone's licences").json();
        JsonNode pools = licences.path("pools");
        boolean ok = pools.size() == options.poolsPerCustomer();
        for (JsonNode pool : pools) {
            ok &= pool.path("seats").asInt() == options.poolSize() && pool.path("allocated").asInt() == options.poolSize();
        }
        if (!ok) throw new IllegalStateException("a clone's licences read back as " + licences);
    }

    /**
     * For each night, {@code expiring} customers with one pool each: half expiring 6 h, 12 h, … after
     * the night (within its 72 hours), half expired 1 h, 3 h, … before it.
     */
    private static void addExpiringSets(InProcessApi api, MutableClock clock, Actor partner, Options options) {
        for (int night = 0; night < NIGHTS.size(); night++) {
            Instant at = NIGHTS.get(night);
            int half = options.expiring() / 2;
            for (int i = 0; i < options.expiring(); i++) {
                Instant expiresAt = i < half ? at.plus(Duration.ofHours(6L * (i + 1)))
                        : at.minus(Duration.ofHours(1 + 2L * (i - half)));
                if (options.neighbours() == 0) {
                    customer(api, clock, partner, "n" + night + "x" + i, List.of(expiresAt), options.expiringLearners());
                } else {
                    customer(api, clock, partner, "n" + night + "x" + i, List.of(expiresAt, at.plus(Duration.ofDays(60))),
                            List.of(options.expiringLearners(), options.neighbours()));
                }
            }
        }
    }

    private static Stored stored(DynamoDbClient dynamo, String table, String label, int bulk, Options options,
                                 double seedSeconds, double writeSeconds) {
        long learners = count(dynamo, table, "USER#");
        long poolItems = count(dynamo, table, "POOL#");
        long items = count(dynamo, table, "");
        long expectedLearners = bulk + (long) NIGHTS.size() * options.expiring()
                * (options.expiringLearners() + options.neighbours());
        if (learners != expectedLearners) {
            throw new IllegalStateException(table + ": " + learners + " learners, expected " + expectedLearners);
        }
        return new Stored(table, label, bulk, learners, poolItems, items, seedSeconds, writeSeconds);
    }

    /**
     * The table as template.yaml declares it; with {@code --no-stream} without its stream, which the
     * sweep does not use: DynamoDB Local records the stream at every write, at a cost that grows with
     * the table's history (see "Licensing core 2").
     */
    private static void createTable(DynamoDbClient dynamo, String table, Options options) {
        CreateTableRequest request = TemplateTable.createTableRequest(table);
        if (!options.stream()) request = request.toBuilder().streamSpecification((StreamSpecification) null).build();
        dynamo.createTable(request);
    }

    private static Actor partner(InProcessApi api) {
        return managerOf(expect(api.post(PLATFORM_ADMIN, "/companies", Map.of("name", "Bench Partner",
                "kind", "partner", "managers", List.of(Map.of("email", "pat@partner.example", "name", "Pat Partner")))),
                201, "creating the partner"));
    }

    /** GSI4PK of a pool item as the code derives it (docs/data-model.md): day of expiresAt, shard of companyId#poolId. */
    static String expiryPartition(Map<String, AttributeValue> pool) {
        int shard = Math.floorMod((pool.get("companyId").s() + "#" + pool.get("poolId").s()).hashCode(), 16);
        return "EXP#" + pool.get("expiresAt").s().substring(0, 10) + "#" + shard;
    }

    /**
     * A premium customer created the day before its first pool; per expiry, an order of {@code seats}
     * assigned 12 months before it and filled with learners at once (the manager, a learner too, takes
     * a seat of the first pool).
     */
    private static String customer(InProcessApi api, MutableClock clock, Actor partner, String label,
                                   List<Instant> expiries, int seats) {
        return customer(api, clock, partner, label, expiries, java.util.Collections.nCopies(expiries.size(), seats));
    }

    /** A customer with one pool per expiry, of {@code seats} each, every seat taken (the first by its manager). */
    private static String customer(InProcessApi api, MutableClock clock, Actor partner, String label,
                                   List<Instant> expiries, List<Integer> poolSeats) {
        clock.set(assignmentFor(expiries.get(0)).minus(Duration.ofDays(1)));
        Actor manager = managerOf(expect(api.post(partner, "/companies", Map.of("name", "Bench Customer " + label,
                "kind", "customer", "plan", "premium", "parentId", partner.companyId().value(),
                "managers", List.of(Map.of("email", "cam@" + label + ".example", "name", "Cam " + label)))),
                201, "creating customer " + label));
        String companyPath = "/companies/" + manager.companyId().value();
        int learner = 0;
        for (int p = 0; p < expiries.size(); p++) {
            Instant assignAt = assignmentFor(expiries.get(p));
            clock.set(assignAt);
            int seats = poolSeats.get(p);
            String orderId = expect(api.post(manager, companyPath + "/orders", Map.of("quantity", seats)), 201,
                    "requesting an order").json().path("orderId").asText();
            JsonNode assigned = expect(api.post(partner, "/orders/" + orderId + "/assign", null), 200,
                    "assigning an order").json();
            if (!Instant.parse(assigned.path("assignedAt").asText()).equals(assignAt)) {
                throw new IllegalStateException("assigned at " + assigned.path("assignedAt") + ", not " + assignAt);
            }
            int count = p == 0 ? seats - 1 : seats;
            List<Map<String, String>> rows = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                learner++;
                rows.add(Map.of("email", "learner" + learner + "@" + label + ".example", "firstName", "Learner",
                        "lastName", "No " + learner));
            }
            JsonNode added = expect(api.post(manager, companyPath + "/learners", Map.of("learners", rows, "source", "csv")),
                    201, "adding learners").json();
            if (added.path("summary").path("licensed").asInt() != count) {
                throw new IllegalStateException("adding learners: " + added.path("summary"));
            }
        }
        return manager.companyId().value();
    }

    /** The assignment moment whose pool expires at {@code expiresAt} (12 calendar months later). */
    private static Instant assignmentFor(Instant expiresAt) {
        return expiresAt.atOffset(ZoneOffset.UTC).minusMonths(12).toInstant();
    }

    private static long count(DynamoDbClient dynamo, String table, String skPrefix) {
        long count = 0;
        Map<String, AttributeValue> start = null;
        do {
            ScanRequest.Builder scan = ScanRequest.builder().tableName(table).select("COUNT").exclusiveStartKey(start);
            // Users that hold a licence (learners, managers of customers); partner users hold none.
            if (skPrefix.equals("USER#")) {
                scan.filterExpression("begins_with(SK, :p) AND attribute_exists(licenceStatus)")
                        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(skPrefix)));
            } else if (!skPrefix.isEmpty()) {
                scan.filterExpression("begins_with(SK, :p)").expressionAttributeValues(
                        Map.of(":p", AttributeValue.fromS(skPrefix)));
            }
            ScanResponse page = dynamo.scan(scan.build());
            count += page.count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return count;
    }

    // ---------------------------------------------------------------------------------------------
    // The sweep

    /** Sweeps run so far (the warm-up's are set back to 0). */
    private static int sweeps;

    private static Run sweep(DynamoDbClient counted, RequestCounter counter, Stored stored, int night, Options options) {
        Instant at = NIGHTS.get(night);
        var sweeping = Expiries.sweeping(counted, stored.table(), Clock.fixed(at, ZoneOffset.UTC));
        // As in production, the previous night's run completed: the run reads its usual window, not back
        // to the other measured night 30 days before (a run after a longer outage reads back to the last).
        new DynamoExpiringLicences(counted, stored.table()).sweepCompleted(at.minus(Duration.ofDays(1)));
        String loadBefore = load();
        counter.reset();
        long started = System.nanoTime();
        Sweep sweep = sweeping.sweep();
        long wall = System.nanoTime() - started;
        Map<String, RequestCounter.Operation> ops = counter.snapshot();
        int half = options.expiring() / 2;
        boolean asExpected = sweep.failures().isEmpty() && sweep.entriesRead() == options.expiring()
                && sweep.reminders() == half && sweep.expiryNotices() == half && sweep.recordedExpired() == half
                && sweep.skipped() == half && sweep.alreadyRecorded() == 0;
        if (!asExpected) throw new IllegalStateException(stored.label() + ", night " + (night + 1) + ": " + sweep);
        if (!counter.failures().isEmpty()) {
            throw new IllegalStateException("DynamoDB errors: " + counter.failures());
        }
        return new Run(stored, night + 1, at, sweep, wall, ops, loadBefore, load(), ++sweeps);
    }

    // ---------------------------------------------------------------------------------------------
    // Output

    private static void printSetup(Options options) {
        System.out.println("# Nightly sweep against DynamoDB Local");
        System.out.println();
        System.out.println("- java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + ", " + Runtime.getRuntime().availableProcessors() + " CPUs");
        System.out.println("- DynamoDB Local: in this JVM, ServerRunner -inMemory -disableTelemetry, loopback HTTP;"
                + " tables from template.yaml, " + (options.stream() ? "with" : "without") + " the table's stream");
        System.out.printf(Locale.ROOT, "- stored bulk: N = %,d and %,d learners in pools of %d, %d pools per customer,"
                        + " cloned from two template customers (pools expiring November 2026 – January 2027 and"
                        + " April – October 2027), none within %d days of a night%n",
                options.stored(), options.stored() * options.factor(), options.poolSize(), options.poolsPerCustomer(),
                KEEP_CLEAR.toDays());
        System.out.printf(Locale.ROOT, "- expiring, per night: %d customers with one pool of %d learners each: %d expire"
                        + " 6 h, 12 h, … after the night, %d expired 1 h, 3 h, … before it; nights %s%n",
                options.expiring(), options.expiringLearners(), options.expiring() / 2, options.expiring() / 2, NIGHTS);
        System.out.println("- before each sweep, the sweep checkpoint says the previous night's run completed");
        if (options.neighbours() > 0) {
            System.out.printf(Locale.ROOT, "- neighbours: each expiring customer also has %,d active learners on a pool"
                    + " expiring 60 days after the night%n", options.neighbours());
        }
        System.out.println();
    }

    private static void print(List<Run> runs, Options options) {
        System.out.println();
        System.out.println("## One sweep per night");
        System.out.println();
        header("figure", runs, run -> run.stored().label() + ", night " + run.night());
        row(runs, "learners stored (bulk + both nights' expiring)", r -> f0(r.stored().learners()));
        row(runs, "pools stored", r -> f0(r.stored().pools()));
        row(runs, "items in the table", r -> f0(r.stored().items()));
        row(runs, "entries read / reminders / expiry notices / skipped / recorded expired", r -> r.sweep().entriesRead()
                + " / " + r.sweep().reminders() + " / " + r.sweep().expiryNotices() + " / " + r.sweep().skipped()
                + " / " + r.sweep().recordedExpired());
        row(runs, "wall time, ms", r -> f0(r.wallNanos() / 1e6));
        row(runs, "DynamoDB requests", r -> "**" + f0(r.requests()) + "**");
        for (String name : operationNames(runs)) {
            boolean read = isRead(name);
            row(runs, "… " + name + (read ? " (items returned)" : ""), r -> f0(r.op(name).calls)
                    + (read ? " (" + f0(r.op(name).items) + ")" : ""));
        }
        row(runs, "items read (returned by Query and GetItem)", r -> "**" + f0(r.itemsRead()) + "**");
        row(runs, "read units DynamoDB Local reported (Query, GetItem)", r -> f1(r.readUnits()));
        row(runs, "time inside DynamoDB calls, summed over threads, ms", r -> f0(r.ops().values().stream()
                .mapToLong(op -> op.nanos).sum() / 1e6));
        for (String name : operationNames(runs)) {
            row(runs, "… " + name + ", ms (mean per request)", r -> f0(r.op(name).nanos / 1e6) + " ("
                    + f1(r.op(name).nanos / 1e6 / Math.max(1, r.op(name).calls)) + ")");
        }
        row(runs, "Query GSI5: items read before the filter", r -> f0(r.op("Query GSI5").scanned));
        row(runs, "order of the sweeps", r -> Integer.toString(r.order()));
        row(runs, "load average before → after", r -> r.loadBefore() + " → " + r.loadAfter());
    }

    private static List<String> operationNames(List<Run> runs) {
        TreeMap<String, Boolean> names = new TreeMap<>();
        for (Run run : runs) run.ops().keySet().forEach(name -> names.put(name, true));
        return new ArrayList<>(names.keySet());
    }

    // ---------------------------------------------------------------------------------------------
    // Cloning

    /**
     * Copies of items the real handlers wrote, for a new customer: every id in them (any 26-character
     * ULID: company, manager, learners, orders, pools, events) replaced by a new one, except those
     * {@code fixed} maps (the partner, to the measured table's); every timestamp in them (stored
     * fixed-width, or in an event's detail) moved by {@code shift}, and the outbox items' {@code ttl}
     * with them; a pool's GSI4PK, whose shard is a hash of the new ids, derived again. Nothing else
     * changes, so the items are what the code would have written for that customer.
     */
    static final class Clones {
        private static final Pattern ULID = Pattern.compile("(?<![0-9A-Z])[0-9A-HJKMNP-TV-Z]{26}(?![0-9A-Z])");
        private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{3})?Z");
        private static final DateTimeFormatter FIXED_WIDTH =
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
        private static final Ulids IDS = new Ulids(Clock.systemUTC());
        private static final int WRITERS = 4;

        private Clones() {
        }

        static List<Map<String, AttributeValue>> of(List<Map<String, AttributeValue>> template, Map<String, String> fixed,
                                                    Duration shift) {
            Map<String, String> ids = new HashMap<>(fixed);
            List<Map<String, AttributeValue>> copies = new ArrayList<>(template.size());
            for (Map<String, AttributeValue> item : template) {
                Map<String, AttributeValue> copy = new HashMap<>();
                item.forEach((name, value) -> copy.put(name, value(name, value, ids, shift)));
                if (copy.get("SK").s().startsWith("POOL#")) copy.put("GSI4PK", AttributeValue.fromS(expiryPartition(copy)));
                copies.add(copy);
            }
            return copies;
        }

        private static AttributeValue value(String name, AttributeValue value, Map<String, String> ids, Duration shift) {
            if (value.s() != null) return AttributeValue.fromS(text(value.s(), ids, shift));
            if (value.n() != null && name.equals("ttl")) {
                return AttributeValue.fromN(Long.toString(Long.parseLong(value.n()) + shift.toSeconds()));
            }
            if (value.hasM()) {
                Map<String, AttributeValue> m = new HashMap<>();
                value.m().forEach((k, v) -> m.put(k, value(k, v, ids, shift)));
                return AttributeValue.fromM(m);
            }
            if (value.hasL()) {
                List<AttributeValue> l = new ArrayList<>();
                value.l().forEach(v -> l.add(value(name, v, ids, shift)));
                return AttributeValue.fromL(l);
            }
            return value;
        }

        private static String text(String text, Map<String, String> ids, Duration shift) {
            String renamed = ULID.matcher(text).replaceAll(m -> ids.computeIfAbsent(m.group(), old -> IDS.next()));
            return INSTANT.matcher(renamed).replaceAll(m -> {
                Instant moved = Instant.parse(m.group()).plus(shift);
                return m.group(1) != null ? FIXED_WIDTH.format(moved) : moved.toString();
            });
        }

        /** BatchWriteItem, 25 items a request, from a few threads; unprocessed items are sent again. */
        static void write(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> items) {
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            try {
                List<Future<?>> writes = new ArrayList<>();
                for (int from = 0; from < items.size(); from += 25) {
                    List<Map<String, AttributeValue>> batch = items.subList(from, Math.min(items.size(), from + 25));
                    writes.add(writers.submit(() -> {
                        Map<String, List<WriteRequest>> request = Map.of(table, batch.stream()
                                .map(item -> WriteRequest.builder().putRequest(p -> p.item(item)).build()).toList());
                        while (!request.isEmpty()) {
                            Map<String, List<WriteRequest>> next = request;
                            request = dynamo.batchWriteItem(r -> r.requestItems(next)).unprocessedItems();
                        }
                    }));
                }
                for (int i = 0; i < writes.size(); i++) {
                    writes.get(i).get();
                    if ((i + 1) % 400 == 0) System.err.printf(Locale.ROOT, "%s: %,d of %,d items written%n", table,
                            Math.min(items.size(), (i + 1) * 25L), items.size());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("writing the clones failed", e.getCause());
            } finally {
                writers.shutdown();
            }
        }
    }
}

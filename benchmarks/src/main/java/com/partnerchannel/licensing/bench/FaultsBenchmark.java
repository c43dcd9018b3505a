package com.partnerchannel.licensing.bench;

import com.partnerchannel.licensing.config.DynamoDbRetries;
import com.partnerchannel.licensing.config.Expiries;
import com.partnerchannel.licensing.config.Licensing;
import com.partnerchannel.licensing.expiry.application.Sweep;
import com.partnerchannel.licensing.faults.DynamoDbFaults;
import com.partnerchannel.licensing.faults.Faults;
import com.partnerchannel.licensing.testing.InProcessApi;
import com.partnerchannel.licensing.testing.MutableClock;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static com.partnerchannel.licensing.bench.Report.f0;
import static com.partnerchannel.licensing.bench.Report.load;

/**
 * What the faults of issue 16 cost a caller, through the real handlers ({@link InProcessApi}) on DynamoDB
 * Local served in this JVM, with the functions' own client set up as in Lambda (the SDK's standard retries,
 * {@link DynamoDbRetries}) and a {@link DynamoDbFaults} on it:
 * <ul>
 *   <li>64 concurrent single-learner adds on a pool of 10 seats, and 2,000-learner bulk adds (one call each,
 *   {@code --bulk-runs} of them), with no fault and with {@code dynamodb-conflict} at 30 %: the share of calls
 *   that succeeded, the attempts per call (the {@code TransactWriteItems} calls it made: its first try and one
 *   per retry after a lost race or a conflict), and the latency;</li>
 *   <li>the nightly sweep over {@code --companies} customers whose pools expired, with throttling at 0, 5 and
 *   20 %: whether it finished, the SDK attempts per DynamoDB call, and its time.</li>
 * </ul>
 * Prints Markdown; asserts nothing about time.
 */
public final class FaultsBenchmark {
    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    private static final long SEED = 42;
    private static final java.util.concurrent.atomic.AtomicInteger RACES = new java.util.concurrent.atomic.AtomicInteger();

    private FaultsBenchmark() {
    }

    /** Counts, on the calling thread, the calls of one operation and every attempt the SDK sent. */
    static final class Attempts implements ExecutionInterceptor {
        private final ThreadLocal<long[]> counts = ThreadLocal.withInitial(() -> new long[2]);
        final AtomicLong calls = new AtomicLong();
        final AtomicLong sent = new AtomicLong();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            calls.incrementAndGet();
            if ("TransactWriteItems".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) counts.get()[0]++;
        }

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            sent.incrementAndGet();
            counts.get()[1]++;
        }

        void reset() {
            counts.get()[0] = 0;
            counts.get()[1] = 0;
        }

        long transactions() {
            return counts.get()[0];
        }
    }

    record Call(int status, long attempts, long nanos) {
    }

    public static void main(String[] args) throws Exception {
        int bulkRuns = 3;
        int companies = 40;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bulk-runs" -> bulkRuns = Integer.parseInt(args[++i]);
                case "--companies" -> companies = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.println("Load average before: " + load() + "; " + Runtime.getRuntime().availableProcessors() + " CPUs");
        try (BulkAllocation.InProcessServer server = BulkAllocation.InProcessServer.start()) {
            System.out.println();
            System.out.println("### 64 concurrent single adds on a pool of 10 seats");
            System.out.println();
            // Untimed: the first race pays for class loading and the JIT, which would count against no fault.
            singleAdds(server, 0);
            table("share 201 | attempts per call: median, p99, max | latency ms: median, p99, max");
            List<Call> calm = singleAdds(server, 0);
            List<Call> conflicted = singleAdds(server, 0.3);
            row("no fault", calm, calm);
            row("dynamodb-conflict=0.3", conflicted, calm);
            System.out.println();
            System.out.println("### 2,000-learner bulk adds (" + bulkRuns + " calls each)");
            System.out.println();
            table("share 201 | attempts per call: median, p99, max | latency ms: median, p99, max");
            List<Call> bulkCalm = bulkAdds(server, 0, bulkRuns);
            List<Call> bulkConflicted = bulkAdds(server, 0.3, bulkRuns);
            row("no fault", bulkCalm, bulkCalm);
            row("dynamodb-conflict=0.3", bulkConflicted, bulkCalm);
            System.out.println();
            System.out.println("### The nightly sweep over " + companies + " customers whose pools expired");
            System.out.println();
            System.out.println("| faults | failures left | DynamoDB calls | SDK attempts per call | wall ms |");
            System.out.println("|---|---:|---:|---:|---:|");
            for (double rate : new double[]{0, 0.05, 0.2}) sweep(server, rate, companies);
        }
        System.out.println();
        System.out.println("Load average after: " + load());
        System.exit(0);
    }

    private static List<Call> singleAdds(BulkAllocation.InProcessServer server, double conflicts) throws Exception {
        Setup setup = setup(server, "dynamodb-conflict=" + conflicts, "single-" + (int) (conflicts * 100) + "-" + RACES.incrementAndGet());
        BulkAllocation.Tenant tenant = BulkAllocation.Tenant.create(setup.api, setup.label, 10);
        setup.faults.switchOn(true);
        ExecutorService threads = Executors.newFixedThreadPool(64);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Call>> futures = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                int learner = i;
                futures.add(threads.submit(() -> {
                    start.await();
                    return timed(setup.attempts, () -> tenant.addLearners(learner, 1, Optional.empty()));
                }));
            }
            start.countDown();
            List<Call> calls = new ArrayList<>();
            for (Future<Call> future : futures) calls.add(future.get());
            return calls;
        } finally {
            threads.shutdownNow();
            setup.faults.switchOn(false);
        }
    }

    private static List<Call> bulkAdds(BulkAllocation.InProcessServer server, double conflicts, int runs) {
        List<Call> calls = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            Setup setup = setup(server, "dynamodb-conflict=" + conflicts, "bulk-" + (int) (conflicts * 100) + "-" + run);
            BulkAllocation.Tenant tenant = BulkAllocation.Tenant.create(setup.api, setup.label, 2_001);
            setup.faults.switchOn(true);
            calls.add(timed(setup.attempts, () -> tenant.addLearners(1, 2_000, Optional.empty())));
            setup.faults.switchOn(false);
        }
        return calls;
    }

    private static void sweep(BulkAllocation.InProcessServer server, double throttles, int companies) {
        Setup setup = setup(server, "dynamodb-throttle=" + throttles, "sweep-" + (int) (throttles * 100));
        for (int c = 0; c < companies; c++) {
            BulkAllocation.Tenant tenant = BulkAllocation.Tenant.create(setup.api, setup.label + "-" + c, 5);
            BulkAllocation.expect(tenant.addLearners(1, 4, Optional.empty()), 201, "adding learners");
        }
        Instant night = START.atZone(ZoneOffset.UTC).plusMonths(12).plusDays(1).withHour(2).withMinute(15).toInstant();
        setup.faults.switchOn(true);
        long callsBefore = setup.attempts.calls.get();
        long sentBefore = setup.attempts.sent.get();
        long started = System.nanoTime();
        Sweep sweep = Expiries.sweeping(setup.dynamo, setup.table, Clock.fixed(night, ZoneOffset.UTC)).sweep();
        long wall = System.nanoTime() - started;
        setup.faults.switchOn(false);
        long calls = setup.attempts.calls.get() - callsBefore;
        long sent = setup.attempts.sent.get() - sentBefore;
        System.out.printf("| dynamodb-throttle=%s | %d of %d | %d | %.2f | %s |%n", throttles, sweep.failures().size(),
                sweep.entriesRead(), calls, calls == 0 ? 0 : (double) sent / calls, f0(wall / 1e6));
    }

    private record Setup(DynamoDbFaults faults, Attempts attempts, DynamoDbClient dynamo, String table, InProcessApi api,
                         String label) {
    }

    private static Setup setup(BulkAllocation.InProcessServer server, String faults, String label) {
        DynamoDbFaults injector = new DynamoDbFaults(Faults.parse(faults, SEED));
        injector.switchOn(false);
        Attempts attempts = new Attempts();
        DynamoDbClient dynamo = DynamoDbClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                // The faults after the counter: an attempt they refuse counts as sent, as a throttled request is.
                .overrideConfiguration(c -> c.retryStrategy(DynamoDbRetries.strategy())
                        .addExecutionInterceptor(attempts).addExecutionInterceptor(injector))
                .build();
        String table = new BulkAllocation.Tables(dynamo, false).create("faults-" + label);
        MutableClock clock = new MutableClock(START);
        return new Setup(injector, attempts, dynamo, table, new InProcessApi(new Licensing(dynamo, table, clock)), label);
    }

    private static Call timed(Attempts attempts, java.util.function.Supplier<InProcessApi.Response> call) {
        attempts.reset();
        long started = System.nanoTime();
        InProcessApi.Response response = call.get();
        return new Call(response.status(), attempts.transactions(), System.nanoTime() - started);
    }

    private static void table(String columns) {
        System.out.println("| faults | " + columns + " | added median latency ms |");
        System.out.println("|---|" + "---:|".repeat(columns.split("\\|").length + 1));
    }

    private static void row(String label, List<Call> calls, List<Call> baseline) {
        List<Long> attempts = calls.stream().map(Call::attempts).sorted().toList();
        List<Double> millis = calls.stream().map(c -> c.nanos() / 1e6).sorted().toList();
        double succeeded = calls.stream().filter(c -> c.status() == 201).count() / (double) calls.size();
        double added = percentile(millis, 50) - percentile(baseline.stream().map(c -> c.nanos() / 1e6).sorted().toList(), 50);
        System.out.printf("| %s | %.0f %% | %s, %s, %s | %s, %s, %s | %s |%n", label, succeeded * 100,
                percentile(attempts, 50), percentile(attempts, 99), attempts.get(attempts.size() - 1),
                f0(percentile(millis, 50)), f0(percentile(millis, 99)), f0(millis.get(millis.size() - 1)), f0(added));
        Map<Integer, Long> statuses = new java.util.TreeMap<>();
        calls.forEach(c -> statuses.merge(c.status(), 1L, Long::sum));
        if (statuses.size() > 1 || !statuses.containsKey(201)) System.out.println("|   answers: " + statuses + " | | | |");
    }

    /** The nearest-rank percentile of sorted values. */
    private static <T extends Comparable<T>> T percentile(List<T> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}

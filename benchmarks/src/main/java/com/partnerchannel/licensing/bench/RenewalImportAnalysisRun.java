package com.partnerchannel.licensing.bench;

import com.partnerchannel.licensing.functions.renewal.RenewalImportAnalysisHandler;
import com.partnerchannel.licensing.testing.SampleEvents;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One analysis of an uploaded renewal file in a JVM of its own, as the analysis function runs it: the
 * handler built with its no-argument constructor (the Lambda init, {@code Renewals.fromEnvironment()}:
 * {@code TABLE_NAME}, {@code AWS_ENDPOINT_URL_DYNAMODB}, {@code UPLOAD_BUCKET}, {@code AWS_ENDPOINT_URL_S3},
 * region and credentials from the environment), then one {@code handleRequest} with the upload's S3 event
 * as S3 sends it ({@link SampleEvents#s3Upload}). {@link RenewalImportBenchmark} starts it with the heap
 * limit under test.
 *
 * <p>Its wall time is broken down by phase ({@link AnalysisPhases}: the handler thread's stack sampled every
 * {@value #PHASE_SAMPLE_MILLIS} ms), printed as {@code result.phase.NAME=MILLIS}.
 *
 * <p>Usage: {@code RenewalImportAnalysisRun <bucket> <key> <etag> <size>}. Prints {@code result.NAME=VALUE}
 * lines (times, heap, process memory, the outcome) and {@code request.SERVICE.OPERATION=…} lines, counted by
 * {@link Tally} when the parent registers it as a global SDK interceptor (a class path entry holding
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors}): the handler's own clients are
 * counted without a change to them. Exits 2 when the handler throws (an {@link OutOfMemoryError} included).
 */
public final class RenewalImportAnalysisRun {
    /** How often the handler thread's stack is sampled for {@link AnalysisPhases}. */
    private static final long PHASE_SAMPLE_MILLIS = 5;

    private RenewalImportAnalysisRun() {
    }

    public static void main(String[] args) {
        if (args.length != 4) throw new IllegalArgumentException("usage: RenewalImportAnalysisRun <bucket> <key> <etag> <size>");
        long mainAt = System.nanoTime();
        RenewalImportAnalysisHandler handler = new RenewalImportAnalysisHandler();
        long init = System.nanoTime() - mainAt;
        java.util.Map<String, Object> event = SampleEvents.s3Upload(args[0], args[1], args[2], Long.parseLong(args[3]));
        Tally.reset();
        HeapWatch heap = new HeapWatch();
        heap.start();
        AnalysisPhases phases = new AnalysisPhases(Thread.currentThread(), PHASE_SAMPLE_MILLIS);
        phases.start();
        long started = System.nanoTime();
        String outcome;
        int exit = 0;
        try {
            List<String> outcomes = handler.handleRequest(event, null);
            outcome = String.join(" | ", outcomes);
        } catch (Throwable e) {
            outcome = "threw " + e.getClass().getName() + ": " + e.getMessage();
            e.printStackTrace();
            exit = 2;
        }
        long wall = System.nanoTime() - started;
        Map<String, Long> phaseMillis = phases.stop();
        HeapWatch.Figures figures = heap.stop();
        print("outcome", outcome.replace('\n', ' '));
        print("initMillis", init / 1_000_000);
        print("wallMillis", wall / 1_000_000);
        print("heapBeforeBytes", figures.usedBeforeBytes());
        print("heapPeakBytes", figures.peakBytes());
        print("heapMaxAfterGcBytes", figures.collections() == 0 ? -1 : figures.maxAfterGcBytes());
        print("heapAfterBytes", figures.usedAfterBytes());
        print("allocatedBytes", figures.allocatedBytes());
        print("threadCpuMillis", figures.threadCpuNanos() / 1_000_000);
        print("processCpuMillis", figures.processCpuNanos() / 1_000_000);
        print("collections", figures.collections());
        print("collectionMillis", figures.collectionMillis());
        print("maxHeapBytes", figures.maxHeapBytes());
        print("collectors", figures.collectorNames());
        print("nonHeapUsedBytes", ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.NON_HEAP).mapToLong(pool -> pool.getUsage().getUsed()).sum());
        print("heapCommittedPeakBytes", ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getPeakUsage)
                .mapToLong(usage -> usage.getCommitted()).sum());
        print("rssPeakKb", procStatus("VmHWM"));
        print("rssKb", procStatus("VmRSS"));
        phaseMillis.forEach((phase, millis) -> print("phase." + phase, millis));
        print("phaseSamples", phases.samples());
        print("jvmArgs", ManagementFactory.getRuntimeMXBean().getInputArguments().toString());
        Tally.snapshot().forEach((name, counts) -> print0("request." + name, counts[0] + "," + counts[1] + ","
                + counts[2] + "," + counts[3] / 1_000_000 + "," + counts[4] + "," + counts[5] + "," + counts[6] + ","
                + counts[7] + "," + counts[8]));
        System.out.flush();
        System.exit(exit);
    }

    private static void print(String name, Object value) {
        print0("result." + name, value);
    }

    private static void print0(String name, Object value) {
        System.out.println(name + "=" + value);
    }

    /** A line of /proc/self/status in kB ({@code VmHWM}: the most resident memory the process ever had). */
    private static long procStatus(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /**
     * A global SDK interceptor: for every client of the JVM, per {@code SERVICE.OPERATION}: calls, keys asked
     * (BatchGetItem, GetItem), items returned (BatchGetItem, Query, GetItem), nanoseconds inside the call, bytes
     * sent and received, bytes of the items returned (as DynamoDB sizes them), and read units in thousandths: as
     * DynamoDB's pricing rules charge them for the items returned (a strongly consistent read: each key of a BatchGetItem or GetItem 1 unit per started
     * 4 KB of its item, 1 for a key not found; a Query 1 unit per started 4 KB of all its items; half that when
     * eventually consistent), and as DynamoDB Local reports them ({@code ReturnConsumedCapacity TOTAL}, which
     * this interceptor adds to every read; nothing else about a request changes). A Query with a projection is charged
     * for its items whole, which it does not return: its units by the rules are then DynamoDB Local's.
     */
    public static final class Tally implements ExecutionInterceptor {
        private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("bench.tally.started");
        private static final ExecutionAttribute<Boolean> CONSISTENT = new ExecutionAttribute<>("bench.tally.consistent");
        private static final Map<String, long[]> COUNTS = new TreeMap<>();

        public Tally() {
        }

        static synchronized void reset() {
            COUNTS.clear();
        }

        static synchronized Map<String, long[]> snapshot() {
            Map<String, long[]> copy = new TreeMap<>();
            COUNTS.forEach((name, counts) -> copy.put(name, counts.clone()));
            return copy;
        }

        private static long[] counts(ExecutionAttributes attributes) {
            String name = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                    + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
            return COUNTS.computeIfAbsent(name, n -> new long[9]);
        }

        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            SdkRequest request = context.request();
            ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
            if (request instanceof BatchGetItemRequest r) return r.toBuilder().returnConsumedCapacity(total).build();
            if (request instanceof QueryRequest r) return r.toBuilder().returnConsumedCapacity(total).build();
            if (request instanceof GetItemRequest r) return r.toBuilder().returnConsumedCapacity(total).build();
            return request;
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            attributes.putAttribute(STARTED, System.nanoTime());
            synchronized (Tally.class) {
                long[] counts = counts(attributes);
                counts[0]++;
                if (context.request() instanceof BatchGetItemRequest request) {
                    for (KeysAndAttributes keys : request.requestItems().values()) {
                        counts[1] += keys.keys().size();
                        attributes.putAttribute(CONSISTENT, Boolean.TRUE.equals(keys.consistentRead()));
                    }
                } else if (context.request() instanceof QueryRequest request) {
                    attributes.putAttribute(CONSISTENT, Boolean.TRUE.equals(request.consistentRead()));
                } else if (context.request() instanceof GetItemRequest request) {
                    counts[1]++;
                    attributes.putAttribute(CONSISTENT, Boolean.TRUE.equals(request.consistentRead()));
                }
            }
        }

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            long length = context.requestBody().flatMap(body -> body.optionalContentLength()).orElse(0L);
            synchronized (Tally.class) {
                counts(attributes)[4] += length;
            }
        }

        @Override
        public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
            long length = context.httpResponse().firstMatchingHeader("Content-Length").map(v -> Long.parseLong(v.trim()))
                    .orElse(0L);
            synchronized (Tally.class) {
                counts(attributes)[5] += length;
            }
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            finish(attributes);
            long half = Boolean.TRUE.equals(attributes.getAttribute(CONSISTENT)) ? 1 : 2;
            long found = 0;
            long units = 0;
            long bytes = 0;
            List<ConsumedCapacity> reported = List.of();
            if (context.response() instanceof BatchGetItemResponse response) {
                long asked = 0;
                for (List<Map<String, AttributeValue>> items : response.responses().values()) {
                    for (Map<String, AttributeValue> item : items) {
                        found++;
                        long size = RequestCounter.itemSize(item);
                        bytes += size;
                        units += 1000 * blocks(size);
                    }
                }
                if (context.request() instanceof BatchGetItemRequest request) {
                    for (KeysAndAttributes keys : request.requestItems().values()) asked += keys.keys().size();
                }
                long unprocessed = response.hasUnprocessedKeys() ? response.unprocessedKeys().values().stream()
                        .mapToLong(keys -> keys.keys().size()).sum() : 0;
                units += 1000 * (asked - unprocessed - found);
                if (response.hasConsumedCapacity()) reported = response.consumedCapacity();
            } else if (context.response() instanceof QueryResponse response) {
                for (Map<String, AttributeValue> item : response.items()) bytes += RequestCounter.itemSize(item);
                found = response.count();
                units = 1000 * Math.max(1, blocks(bytes));
                if (response.consumedCapacity() != null) reported = List.of(response.consumedCapacity());
            } else if (context.response() instanceof GetItemResponse response) {
                found = response.hasItem() ? 1 : 0;
                bytes = response.hasItem() ? RequestCounter.itemSize(response.item()) : 0;
                units = 1000 * (response.hasItem() ? blocks(bytes) : 1);
                if (response.consumedCapacity() != null) reported = List.of(response.consumedCapacity());
            } else {
                return;
            }
            double reportedUnits = reported.stream().mapToDouble(c -> c.capacityUnits() == null ? 0 : c.capacityUnits()).sum();
            if (context.request() instanceof QueryRequest query && query.projectionExpression() != null && !reported.isEmpty()) {
                // A projection sends part of each item back, but DynamoDB charges a Query for the items it reads, whole:
                // the items returned no longer tell the units. DynamoDB Local charges them whole too (measured: 30 units
                // for 200 items of 600 B, with or without a projection), so its figure is the rule's.
                units = Math.round(reportedUnits * 1000) * half;
            }
            synchronized (Tally.class) {
                long[] counts = counts(attributes);
                counts[2] += found;
                counts[6] += bytes;
                counts[7] += units / half;
                counts[8] += Math.round(reportedUnits * 1000);
            }
        }

        /** Started blocks of 4 KB, at least one. */
        private static long blocks(long bytes) {
            return Math.max(1, (bytes + 4095) / 4096);
        }

        @Override
        public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
            finish(attributes);
        }

        private static void finish(ExecutionAttributes attributes) {
            Long started = attributes.getAttribute(STARTED);
            if (started == null) return;
            synchronized (Tally.class) {
                counts(attributes)[3] += System.nanoTime() - started;
            }
        }
    }
}

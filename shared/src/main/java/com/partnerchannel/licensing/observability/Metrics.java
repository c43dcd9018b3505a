package com.partnerchannel.licensing.observability;

import software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.Unit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the business did, as CloudWatch metrics in namespace {@value #NAMESPACE}: counted during an
 * {@link Invocation} and written when it closes as one Embedded Metric Format line on standard output
 * (CloudWatch Logs turns it into metrics; the local runner's console shows it). No dimension at all:
 * a per-tenant one would make a metric per company.
 */
public final class Metrics {
    public static final String NAMESPACE = "Licensing";

    public static final String ORDERS_REQUESTED = "OrdersRequested";
    public static final String ORDERS_ASSIGNED = "OrdersAssigned";
    public static final String ORDERS_REJECTED = "OrdersRejected";
    /**
     * Seats taken by learners: as they were added (a licensed add, a customer's managers at its creation),
     * or, unlicensed before, as an assignment brought new seats.
     */
    public static final String SEATS_ALLOCATED = "SeatsAllocated";
    public static final String LEARNERS_ADDED_UNLICENSED = "LearnersAddedUnlicensed";
    public static final String LICENCES_RENEWED = "LicencesRenewed";
    public static final String IMPORT_ROWS_ANALYSED = "ImportRowsAnalysed";
    public static final String IMPORT_ROWS_RENEWED = "ImportRowsRenewed";
    public static final String NOTICES_SENT = "NoticesSent";
    public static final String NOTICES_SKIPPED = "NoticesSkipped";
    public static final String EMAILS_SENT = "EmailsSent";
    public static final String EMAILS_FAILED = "EmailsFailed";
    public static final String SWEEP_DURATION = "SweepDuration";
    public static final String SWEEP_ITEMS = "SweepItems";
    /** 1 each time the nightly sweep finishes every expiry; an alarm fires when none came for 26 hours. */
    public static final String SWEEP_COMPLETED = "SweepCompleted";
    /**
     * Seconds since the oldest outbox event not yet on the bus occurred, 0 when there is none: written by
     * the outbox watch every minute; an alarm fires above 15 minutes (docs/operations.md).
     */
    public static final String OLDEST_UNPUBLISHED_OUTBOX_AGE_SECONDS = "OldestUnpublishedOutboxAgeSeconds";

    private static final ThreadLocal<Metrics> CURRENT = new ThreadLocal<>();

    private final Map<String, Double> counts = new LinkedHashMap<>();
    private final Map<String, Double> milliseconds = new LinkedHashMap<>();
    private final Map<String, Double> seconds = new LinkedHashMap<>();

    private Metrics() {
    }

    /** Adds {@code n} to a count of the invocation running on this thread (none: nothing is recorded). */
    public static void count(String name, long n) {
        Metrics current = CURRENT.get();
        if (current != null && n != 0) current.counts.merge(name, (double) n, Double::sum);
    }

    /** A duration of the invocation running on this thread, in milliseconds. */
    public static void milliseconds(String name, long millis) {
        Metrics current = CURRENT.get();
        if (current != null) current.milliseconds.put(name, (double) millis);
    }

    /** A value in seconds of the invocation running on this thread, written even when it is 0. */
    public static void seconds(String name, long value) {
        Metrics current = CURRENT.get();
        if (current != null) current.seconds.put(name, (double) value);
    }

    static Metrics begin() {
        Metrics metrics = new Metrics();
        CURRENT.set(metrics);
        return metrics;
    }

    /** Writes what was recorded, if anything, as one EMF line; the thread records nothing more. */
    void flush() {
        CURRENT.remove();
        if (counts.isEmpty() && milliseconds.isEmpty() && seconds.isEmpty()) return;
        // LambdaEnvironment writes to stdout, as Lambda wants; outside Lambda it does the same, so the
        // library never probes for EC2 or an agent.
        MetricsLogger line = new MetricsLogger(new LambdaEnvironment());
        line.setNamespace(NAMESPACE);
        line.setDimensions(new DimensionSet());
        counts.forEach((name, value) -> line.putMetric(name, value, Unit.COUNT));
        milliseconds.forEach((name, value) -> line.putMetric(name, value, Unit.MILLISECONDS));
        seconds.forEach((name, value) -> line.putMetric(name, value, Unit.SECONDS));
        line.flush();
    }
}

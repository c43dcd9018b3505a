package com.partnerchannel.licensing.dynamodb;

import com.partnerchannel.licensing.allocation.model.LicenceStatus;
import com.partnerchannel.licensing.common.Backoff;
import com.partnerchannel.licensing.common.PoolId;
import com.partnerchannel.licensing.expiry.application.ExpiringLicences;
import com.partnerchannel.licensing.expiry.model.Expiring;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.observability.DynamoDbCost;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.partnerchannel.licensing.dynamodb.Attr.s;

/**
 * The expiry index (GSI4) read one day × shard partition at a time, so a sweep reads what expires in
 * its window and nothing else; and the writes that record an expiry, each conditional so that a
 * repeat changes nothing.
 */
public final class DynamoExpiringLicences implements ExpiringLicences {
    static final String EXPIRED = "expired";
    /** Parallel index queries: a sweep's window is about 11 days × 16 shards. */
    private static final int READERS = 8;
    /**
     * Reads of one day × shard partition, each the SDK's 4 attempts: a partition throttled past the SDK's
     * retries is read again after a {@link Backoff} wait, so that one busy partition does not fail the run.
     */
    static final int PARTITION_READ_ATTEMPTS = 5;
    private static final Map<String, String> NAMES = Map.of("#status", "licenceStatus", "#type", "licenceType",
            "#expiresAt", "expiresAt", "#pool", "poolId");

    /** The platform's one sweep checkpoint: the moment of the latest run that finished everything it read. */
    private static final Map<String, AttributeValue> CHECKPOINT = Map.of(Keys.PK, s("PLATFORM#SWEEP"),
            Keys.SK, s("CHECKPOINT"));

    private final DynamoDbClient dynamo;
    private final String table;
    private final QueryPager pager;
    private final ExecutorService readers;
    private final Backoff backoff;

    public DynamoExpiringLicences(DynamoDbClient dynamo, String table) {
        this(dynamo, table, Backoff.throttled());
    }

    /** @param backoff the wait before reading again a partition of the index that DynamoDB throttled */
    public DynamoExpiringLicences(DynamoDbClient dynamo, String table, Backoff backoff) {
        this.backoff = backoff;
        this.dynamo = dynamo;
        this.table = table;
        this.pager = new QueryPager(dynamo);
        this.readers = Executors.newFixedThreadPool(READERS, task -> {
            Thread thread = new Thread(task, "expiry-index-reader");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public List<Expiring> between(Instant from, Instant to) {
        List<Future<List<Map<String, AttributeValue>>>> reads = new ArrayList<>();
        LocalDate last = LocalDate.ofInstant(to, ZoneOffset.UTC);
        for (LocalDate day = LocalDate.ofInstant(from, ZoneOffset.UTC); !day.isAfter(last); day = day.plusDays(1)) {
            for (int shard = 0; shard < Keys.EXPIRY_SHARDS; shard++) {
                QueryRequest query = QueryRequest.builder().tableName(table).indexName(Keys.EXPIRY)
                        .keyConditionExpression(Keys.pk(Keys.EXPIRY) + " = :pk AND " + Keys.sk(Keys.EXPIRY)
                                + " BETWEEN :from AND :to")
                        .expressionAttributeValues(Map.of(":pk", s(Keys.expiryPartition(day.toString(), shard)),
                                ":from", s(Attr.time(from)), ":to", s(Attr.time(to) + "~")))
                        .build();
                reads.add(readers.submit(DynamoDbCost.carried(() -> readPartition(query))));
            }
        }
        List<Expiring> entries = new ArrayList<>();
        for (Future<List<Map<String, AttributeValue>>> read : reads) {
            for (Map<String, AttributeValue> item : result(read)) entries.add(entry(item));
        }
        entries.sort(Comparator.comparing(Expiring::expiresAt).thenComparing(e -> e.companyId().value()));
        return entries;
    }

    private List<Map<String, AttributeValue>> readPartition(QueryRequest query) {
        for (int attempt = 1; ; attempt++) {
            try {
                return pager.all(query);
            } catch (SdkException e) {
                if (attempt == PARTITION_READ_ATTEMPTS || !busy(e)) throw e;
                backoff.beforeRetry(attempt);
            }
        }
    }

    /** Throttled, failing (5xx) or unreachable: what the SDK retries, and a later read may get through. */
    private static boolean busy(SdkException e) {
        if (e instanceof AwsServiceException aws) return aws.isThrottlingException() || aws.statusCode() >= 500;
        return e instanceof SdkClientException;
    }

    private Expiring entry(Map<String, AttributeValue> item) {
        CompanyId companyId = new CompanyId(Attr.str(item, "companyId"));
        if (Attr.str(item, Keys.SK).startsWith(PoolItems.PREFIX)) {
            return Expiring.pool(companyId, Attr.str(item, "poolId"), Attr.instant(item, "expiresAt"),
                    Attr.integer(item, "seats"), EXPIRED.equals(Attr.optStr(item, "recordedStatus").orElse("")));
        }
        return Expiring.trial(companyId, Attr.instant(item, "trialEndsAt"), trialLearners(companyId),
                EXPIRED.equals(Attr.optStr(item, "trialStatus").orElse("")));
    }

    /** The learners holding a trial licence, as recorded: how many licences the trial's notices speak of. */
    private int trialLearners(CompanyId companyId) {
        return pager.count(activeLearners(companyId, LearnerItems.TRIAL_HOLDERS, "#type = :trial",
                Map.of(":trial", s("trial"))));
    }

    @Override
    public void recordExpired(Expiring entry, Instant now) {
        CompanyId companyId = entry.companyId();
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":now", Attr.t(now));
        String filter;
        String holders;
        if (entry.isTrial()) {
            values.put(":trial", s("trial"));
            filter = "#type = :trial AND #expiresAt <= :now";
            holders = LearnerItems.TRIAL_HOLDERS;
        } else {
            PoolId poolId = new PoolId(entry.poolId().orElseThrow());
            values.put(":pool", s(poolId.value()));
            filter = "#pool = :pool AND #expiresAt <= :now";
            holders = LearnerItems.poolHolders(poolId);
        }
        for (Map<String, AttributeValue> learner : pager.all(activeLearners(companyId, holders, filter, values))) {
            Map<String, AttributeValue> update = new HashMap<>(values);
            update.put(":active", s(LicenceStatus.active.name()));
            update.put(":expired", s(LicenceStatus.expired.name()));
            update.put(":partition", s(LearnerItems.statusPartition(companyId, LicenceStatus.expired)));
            try {
                // Only if still as read: a renewal meanwhile gave the learner another licence.
                dynamo.updateItem(r -> r.tableName(table)
                        .key(Map.of(Keys.PK, learner.get(Keys.PK), Keys.SK, learner.get(Keys.SK)))
                        .updateExpression("SET #status = :expired, " + Keys.pk(Keys.LEARNERS) + " = :partition")
                        .conditionExpression("#status = :active AND " + filter)
                        .expressionAttributeNames(names(filter + " #status"))
                        .expressionAttributeValues(update));
            } catch (ConditionalCheckFailedException changed) {
                // Renewed, deleted or recorded by another run: nothing to do.
            }
        }
        try {
            if (entry.isTrial()) {
                dynamo.updateItem(r -> r.tableName(table).key(CompanyItems.key(companyId))
                        .updateExpression("SET trialStatus = :expired, trialExpiryRecordedAt = :now")
                        .conditionExpression("#plan = :trial")
                        .expressionAttributeNames(Map.of("#plan", "plan"))
                        .expressionAttributeValues(Map.of(":expired", s(EXPIRED), ":now", Attr.t(now), ":trial", s("trial"))));
            } else {
                dynamo.updateItem(r -> r.tableName(table)
                        .key(PoolItems.key(companyId, new PoolId(entry.poolId().orElseThrow())))
                        .updateExpression("SET recordedStatus = :expired, expiryRecordedAt = :now")
                        .conditionExpression("attribute_exists(PK)")
                        .expressionAttributeValues(Map.of(":expired", s(EXPIRED), ":now", Attr.t(now))));
            }
        } catch (ConditionalCheckFailedException gone) {
            // The trial was upgraded meanwhile (its learners expired with it), or the pool is gone.
        }
    }

    @Override
    public Optional<Instant> lastCompletedSweep() {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(CHECKPOINT).consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(Attr.instant(item, "completedAt"));
    }

    @Override
    public void sweepCompleted(Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(CHECKPOINT);
        item.put("type", s("sweepCheckpoint"));
        item.put("completedAt", Attr.t(at));
        try {
            dynamo.putItem(r -> r.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(PK) OR completedAt < :at")
                    .expressionAttributeValues(Map.of(":at", Attr.t(at))));
        } catch (ConditionalCheckFailedException later) {
            // A later run completed first: its moment stands.
        }
    }

    /**
     * The learners recorded active on one licence (the {@code holders} prefix of GSI5SK: a pool, or the
     * trial): the read is as large as that licence, whatever else the company holds.
     */
    private QueryRequest activeLearners(CompanyId companyId, String holders, String filter,
                                        Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(":pk", s(LearnerItems.statusPartition(companyId, LicenceStatus.active)));
        all.put(":holders", s(holders));
        return QueryRequest.builder().tableName(table).indexName(Keys.LEARNERS)
                .keyConditionExpression(Keys.pk(Keys.LEARNERS) + " = :pk AND begins_with(" + Keys.sk(Keys.LEARNERS)
                        + ", :holders)")
                .filterExpression(filter)
                .expressionAttributeNames(names(filter))
                .expressionAttributeValues(all)
                .build();
    }

    private static Map<String, String> names(String expression) {
        Map<String, String> names = new HashMap<>();
        NAMES.forEach((placeholder, name) -> {
            if (expression.contains(placeholder)) names.put(placeholder, name);
        });
        return names;
    }

    private static List<Map<String, AttributeValue>> result(Future<List<Map<String, AttributeValue>>> read) {
        try {
            return read.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the expiry index", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) throw runtime;
            throw new IllegalStateException(e.getCause());
        }
    }
}

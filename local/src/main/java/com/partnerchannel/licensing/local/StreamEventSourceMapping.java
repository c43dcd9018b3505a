package com.partnerchannel.licensing.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Lambda's event source mapping of the table's stream, on this machine: every half second (and whenever
 * {@link #drain} is called), the records written since, through the template's filter (inserted EVENT# items),
 * to each function subscribed to the stream, retried from the first failed record as Lambda's
 * partial-batch response asks.
 */
final class StreamEventSourceMapping implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamEventSourceMapping.class);
    private static final int ATTEMPTS = 3;

    private final DynamoDbClient dynamo;
    private final DynamoDbStreamsClient streams;
    private final String tableName;
    private final List<LocalEventFunction<DynamodbEvent, StreamsEventResponse>> functions;
    private final Map<String, String> iterators = new LinkedHashMap<>();
    private final Set<String> finishedShards = new HashSet<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "local-stream");
        thread.setDaemon(true);
        return thread;
    });

    private StreamEventSourceMapping(DynamoDbClient dynamo, DynamoDbStreamsClient streams, String tableName,
                                     List<LocalEventFunction<DynamodbEvent, StreamsEventResponse>> functions) {
        this.dynamo = dynamo;
        this.streams = streams;
        this.tableName = tableName;
        this.functions = List.copyOf(functions);
    }

    static StreamEventSourceMapping start(String tableName, URI dynamoDbEndpoint, DynamoDbClient dynamo,
                                          List<LocalEventFunction<DynamodbEvent, StreamsEventResponse>> functions) {
        DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(dynamoDbEndpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        LocalDynamoDbServer.ACCESS_KEY, LocalDynamoDbServer.SECRET_KEY)))
                .build();
        StreamEventSourceMapping mapping = new StreamEventSourceMapping(dynamo, streams, tableName, functions);
        mapping.poller.scheduleWithFixedDelay(() -> {
            try {
                mapping.drain();
            } catch (RuntimeException e) {
                LOG.atWarn().setCause(e).log("local stream failed");
            }
        }, 500, 500, TimeUnit.MILLISECONDS);
        return mapping;
    }

    /** Delivers every stream record written so far to the stream's functions, and what follows from them. */
    synchronized void drain() {
        String arn = dynamo.describeTable(r -> r.tableName(tableName)).table().latestStreamArn();
        if (arn == null) return;
        for (Shard shard : streams.describeStream(r -> r.streamArn(arn)).streamDescription().shards()) {
            if (finishedShards.contains(shard.shardId())) continue;
            String iterator = iterators.computeIfAbsent(shard.shardId(), id -> streams.getShardIterator(r -> r.streamArn(arn)
                    .shardId(id).shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator());
            while (iterator != null) {
                String current = iterator;
                GetRecordsResponse page = streams.getRecords(r -> r.shardIterator(current));
                deliver(page.records(), arn);
                iterator = page.nextShardIterator();
                iterators.put(shard.shardId(), iterator);
                if (page.records().isEmpty()) break;
            }
            if (iterator == null) finishedShards.add(shard.shardId());
        }
    }

    /** The template's filter (inserted EVENT# items), then the function, retried as Lambda would. */
    private void deliver(List<Record> records, String arn) {
        List<Record> events = records.stream().filter(r -> "INSERT".equals(r.eventNameAsString())
                && r.dynamodb().hasNewImage() && r.dynamodb().newImage().containsKey("SK")
                && r.dynamodb().newImage().get("SK").s().startsWith("EVENT#")).toList();
        if (events.isEmpty()) return;
        for (LocalEventFunction<DynamodbEvent, StreamsEventResponse> function : functions) {
            List<Record> pending = events;
            for (int attempt = 1; attempt <= ATTEMPTS && !pending.isEmpty(); attempt++) {
                StreamsEventResponse response;
                try {
                    response = function.invoke(StreamRecords.event(pending, arn));
                } catch (RuntimeException e) {
                    LOG.atWarn().setCause(e).log("local stream: the publisher failed");
                    continue;
                }
                List<StreamsEventResponse.BatchItemFailure> failures = response == null ? List.of() : response.getBatchItemFailures();
                pending = failures == null || failures.isEmpty() ? List.of() : from(pending, failures.get(0).getItemIdentifier());
            }
            if (!pending.isEmpty()) LOG.warn("local stream: {} records to the failure queue", pending.size());
        }
    }

    /** The records from the one with this sequence number on. */
    private static List<Record> from(List<Record> records, String sequenceNumber) {
        List<Record> rest = new ArrayList<>();
        boolean found = false;
        for (Record r : records) {
            found |= r.dynamodb().sequenceNumber().equals(sequenceNumber);
            if (found) rest.add(r);
        }
        return rest;
    }

    @Override
    public void close() {
        poller.shutdownNow();
        streams.close();
    }
}

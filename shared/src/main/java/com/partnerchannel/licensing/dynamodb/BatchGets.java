package com.partnerchannel.licensing.dynamodb;

import com.partnerchannel.licensing.common.Backoff;
import com.partnerchannel.licensing.observability.DynamoDbCost;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Strongly consistent reads of any number of items of one table by key, with BatchGetItem: requests of
 * {@link #KEYS_PER_REQUEST} keys, up to {@link #PARALLEL} of them at once (each is a round trip; a 100,000-row
 * file is 2,000 of them), each sent again with its unprocessed keys, after a {@link Backoff} wait, until none are
 * left or {@link #ATTEMPTS} requests were made. The keys must be distinct (BatchGetItem refuses a repeated key).
 */
final class BatchGets {
    /** BatchGetItem's most keys in one request. */
    static final int KEYS_PER_REQUEST = 100;
    /** BatchGetItem requests for one set of keys, the first and those sending back the keys left unprocessed. */
    static final int ATTEMPTS = 8;
    /** BatchGetItem requests, or segments of a company's users, in flight at once for one large read. */
    static final int PARALLEL = 8;
    /** Shared by every reader of the process; its threads start when a read first needs more than one request. */
    static final ExecutorService READERS = Executors.newFixedThreadPool(PARALLEL, task -> {
        Thread thread = new Thread(task, "batch-get");
        thread.setDaemon(true);
        return thread;
    });

    private final DynamoDbClient dynamo;
    private final String table;
    private final Backoff backoff;

    /** @param backoff the wait before sending again the keys a BatchGetItem left unprocessed */
    BatchGets(DynamoDbClient dynamo, String table, Backoff backoff) {
        this.dynamo = dynamo;
        this.table = table;
        this.backoff = backoff;
    }

    /** The items found at these keys (none for a key without an item), in no particular order. */
    List<Map<String, AttributeValue>> consistent(List<Map<String, AttributeValue>> keys) {
        if (keys.size() <= KEYS_PER_REQUEST) return one(keys);
        List<Future<List<Map<String, AttributeValue>>>> requests = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += KEYS_PER_REQUEST) {
            List<Map<String, AttributeValue>> part = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_REQUEST));
            requests.add(READERS.submit(DynamoDbCost.carried(() -> one(part))));
        }
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        try {
            for (var request : requests) items.addAll(request.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            requests.forEach(request -> request.cancel(true));
            throw new IllegalStateException("interrupted while reading items by key", e);
        } catch (ExecutionException e) {
            requests.forEach(request -> request.cancel(true));
            if (e.getCause() instanceof RuntimeException cause) throw cause;
            throw new IllegalStateException(e.getCause());
        }
        return items;
    }

    private List<Map<String, AttributeValue>> one(List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        if (keys.isEmpty()) return items;
        Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys)
                .consistentRead(true).build());
        for (int attempt = 1; ; attempt++) {
            Map<String, KeysAndAttributes> pending = request;
            BatchGetItemResponse response = dynamo.batchGetItem(r -> r.requestItems(pending));
            items.addAll(response.responses().getOrDefault(table, List.of()));
            request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            if (request.isEmpty()) return items;
            // Keys left unprocessed are DynamoDB throttling the batch: sent again after a wait, not at once.
            if (attempt == ATTEMPTS) throw unprocessed(request.get(table).keys().size(), attempt);
            backoff.beforeRetry(attempt);
        }
    }

    /** As the SDK's own throttle when its attempts run out, so that a request is answered 503, not 500. */
    private static ProvisionedThroughputExceededException unprocessed(int keys, int attempts) {
        String message = "BatchGetItem left " + keys + " keys unprocessed after " + attempts + " requests";
        return ProvisionedThroughputExceededException.builder().message(message).statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException")
                        .errorMessage(message).serviceName("DynamoDb").build())
                .build();
    }
}

package com.partnerchannel.licensing.dynamodb;

import com.partnerchannel.licensing.common.Backoff;
import com.partnerchannel.licensing.notification.application.UndeliverableAddresses;
import com.partnerchannel.licensing.notification.model.UndeliverableAddress;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

public final class DynamoUndeliverableAddresses implements UndeliverableAddresses {
    private final DynamoDbClient dynamo;
    private final String table;
    private final BatchGets batchGets;

    public DynamoUndeliverableAddresses(DynamoDbClient dynamo, String table) {
        this(dynamo, table, Backoff.throttled());
    }

    /** @param backoff the wait before sending again the keys a BatchGetItem left unprocessed */
    public DynamoUndeliverableAddresses(DynamoDbClient dynamo, String table, Backoff backoff) {
        this.dynamo = dynamo;
        this.table = table;
        this.batchGets = new BatchGets(dynamo, table, backoff);
    }

    @Override
    public void record(UndeliverableAddress address) {
        dynamo.putItem(r -> r.tableName(table).item(UndeliverableAddressItems.item(address)));
    }

    /** One strongly consistent BatchGetItem for up to 100 distinct addresses (the spellings of one address share a key). */
    @Override
    public Set<String> among(Collection<String> addresses) {
        Map<String, List<String>> byPartition = new LinkedHashMap<>();
        Map<String, Map<String, AttributeValue>> keys = new LinkedHashMap<>();
        for (String address : addresses) {
            Map<String, AttributeValue> key = UndeliverableAddressItems.key(address);
            String partition = key.get(Keys.PK).s();
            keys.putIfAbsent(partition, key);
            byPartition.computeIfAbsent(partition, p -> new ArrayList<>()).add(address);
        }
        Set<String> flagged = new LinkedHashSet<>();
        for (Map<String, AttributeValue> item : batchGets.consistent(List.copyOf(keys.values()))) {
            flagged.addAll(byPartition.get(item.get(Keys.PK).s()));
        }
        Set<String> inOrder = new LinkedHashSet<>(addresses);
        inOrder.retainAll(flagged);
        return inOrder;
    }
}

package com.partnerchannel.licensing.dynamodb;

import com.partnerchannel.licensing.notification.application.UndeliverableAddresses;
import com.partnerchannel.licensing.notification.model.UndeliverableAddress;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

public final class DynamoUndeliverableAddresses implements UndeliverableAddresses {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoUndeliverableAddresses(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void record(UndeliverableAddress address) {
        dynamo.putItem(r -> r.tableName(table).item(UndeliverableAddressItems.item(address)));
    }

    @Override
    public boolean contains(String address) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(UndeliverableAddressItems.key(address))).item();
        return item != null && !item.isEmpty();
    }
}

package com.partnerchannel.licensing.dynamodb;

import com.partnerchannel.licensing.observability.DynamoDbCost;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.util.List;

/**
 * Asks DynamoDB what every call costs and adds it to the {@link DynamoDbCost} of the invocation that
 * made it: each call that can carry {@code ReturnConsumedCapacity} is sent with {@code TOTAL} (table and
 * indexes together) unless it asked for something itself; when the call ends, one request and the units
 * DynamoDB reported. A call counts once however many times the SDK retried it; a failed one counts as a
 * request with no units (DynamoDB reports none with an error).
 *
 * <p>Read or write: DynamoDB reports {@code ReadCapacityUnits} and {@code WriteCapacityUnits} for some
 * calls and only {@code CapacityUnits} for others (DynamoDB Local, always); the total then counts as
 * read units for a read call and write units for a write call.
 *
 * <p>The invocation is the one running on the thread that starts the call, taken then: retries and
 * interceptors that run elsewhere still count to it. No invocation, nothing counted.
 */
public final class ConsumedCapacityCounter implements ExecutionInterceptor {
    private static final ExecutionAttribute<DynamoDbCost> COST = new ExecutionAttribute<>("ConsumedCapacityCounter.cost");
    private static final ReturnConsumedCapacity TOTAL = ReturnConsumedCapacity.TOTAL;

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        if (request instanceof GetItemRequest r && r.returnConsumedCapacity() == null) return r.toBuilder().returnConsumedCapacity(TOTAL).build();
        if (request instanceof QueryRequest r && r.returnConsumedCapacity() == null) return r.toBuilder().returnConsumedCapacity(TOTAL).build();
        if (request instanceof BatchGetItemRequest r && r.returnConsumedCapacity() == null) return r.toBuilder().returnConsumedCapacity(TOTAL).build();
        if (request instanceof TransactWriteItemsRequest r && r.returnConsumedCapacity() == null) return r.toBuilder().returnConsumedCapacity(TOTAL).build();
        if (request instanceof UpdateItemRequest r && r.returnConsumedCapacity() == null) return r.toBuilder().returnConsumedCapacity(TOTAL).build();
        if (request instanceof PutItemRequest r && r.returnConsumedCapacity() == null) return r.toBuilder().returnConsumedCapacity(TOTAL).build();
        if (request instanceof DeleteItemRequest r && r.returnConsumedCapacity() == null) return r.toBuilder().returnConsumedCapacity(TOTAL).build();
        if (request instanceof ScanRequest r && r.returnConsumedCapacity() == null) return r.toBuilder().returnConsumedCapacity(TOTAL).build();
        if (request instanceof BatchWriteItemRequest r && r.returnConsumedCapacity() == null) return r.toBuilder().returnConsumedCapacity(TOTAL).build();
        if (request instanceof TransactGetItemsRequest r && r.returnConsumedCapacity() == null) return r.toBuilder().returnConsumedCapacity(TOTAL).build();
        return request;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        DynamoDbCost cost = DynamoDbCost.current();
        if (cost != null) attributes.putAttribute(COST, cost);
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        DynamoDbCost cost = attributes.getAttribute(COST);
        if (cost == null) return;
        SdkResponse response = context.response();
        boolean read = isRead(context.request());
        double readUnits = 0;
        double writeUnits = 0;
        for (ConsumedCapacity capacity : capacityOf(response)) {
            if (capacity.readCapacityUnits() != null || capacity.writeCapacityUnits() != null) {
                readUnits += orZero(capacity.readCapacityUnits());
                writeUnits += orZero(capacity.writeCapacityUnits());
            } else if (read) {
                readUnits += orZero(capacity.capacityUnits());
            } else {
                writeUnits += orZero(capacity.capacityUnits());
            }
        }
        cost.add(readUnits, writeUnits);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        DynamoDbCost cost = attributes.getAttribute(COST);
        if (cost != null) cost.add(0, 0);
    }

    private static boolean isRead(SdkRequest request) {
        return request instanceof GetItemRequest || request instanceof QueryRequest || request instanceof ScanRequest
                || request instanceof BatchGetItemRequest || request instanceof TransactGetItemsRequest;
    }

    private static List<ConsumedCapacity> capacityOf(SdkResponse response) {
        ConsumedCapacity one = null;
        if (response instanceof GetItemResponse r) one = r.consumedCapacity();
        else if (response instanceof QueryResponse r) one = r.consumedCapacity();
        else if (response instanceof UpdateItemResponse r) one = r.consumedCapacity();
        else if (response instanceof PutItemResponse r) one = r.consumedCapacity();
        else if (response instanceof DeleteItemResponse r) one = r.consumedCapacity();
        else if (response instanceof ScanResponse r) one = r.consumedCapacity();
        else if (response instanceof BatchGetItemResponse r) return r.consumedCapacity();
        else if (response instanceof TransactWriteItemsResponse r) return r.consumedCapacity();
        else if (response instanceof BatchWriteItemResponse r) return r.consumedCapacity();
        else if (response instanceof TransactGetItemsResponse r) return r.consumedCapacity();
        return one == null ? List.of() : List.of(one);
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }
}

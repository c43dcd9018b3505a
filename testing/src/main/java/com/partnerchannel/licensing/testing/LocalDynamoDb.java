package com.partnerchannel.licensing.testing;

import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * DynamoDB Local, embedded in the test's JVM (one per JVM), with a fresh table per test created from
 * template.yaml's definition.
 */
public final class LocalDynamoDb {
    private static AmazonDynamoDBLocal embedded;
    private static DynamoDbClient client;
    private static final AtomicInteger TABLES = new AtomicInteger();

    private LocalDynamoDb() {
    }

    public static synchronized DynamoDbClient client() {
        if (client == null) {
            embedded = DynamoDBEmbedded.create();
            client = embedded.dynamoDbClient();
            Runtime.getRuntime().addShutdownHook(new Thread(embedded::shutdown));
        }
        return client;
    }

    /** The streams client of the same embedded DynamoDB Local, to read a table's stream as Lambda would. */
    public static synchronized software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient streams() {
        client();
        return embedded.dynamoDbStreamsClient();
    }

    /** A new, empty table shaped like the template's, for one test. */
    public static String freshTable() {
        String name = "licensing-test-" + TABLES.incrementAndGet();
        client().createTable(TemplateTable.createTableRequest(name));
        return name;
    }

    /** Every item of the table, for asserting that a refused call changed nothing. Tests only. */
    public static java.util.List<java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> snapshot(String table) {
        java.util.List<java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> items = new java.util.ArrayList<>();
        client().scanPaginator(ScanRequest.builder().tableName(table).consistentRead(true).build())
                .forEach(page -> items.addAll(page.items()));
        items.sort(java.util.Comparator.comparing(item -> item.get("PK").s() + "|" + item.get("SK").s()));
        return items;
    }
}

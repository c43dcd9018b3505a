package com.partnerchannel.licensing.testing;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
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
            StreamRecordsIndex.addTo(embedded);
            client = embedded.dynamoDbClient();
            Runtime.getRuntime().addShutdownHook(new Thread(embedded::shutdown));
        }
        return client;
    }

    /** The embedded instance itself, for a test of what it holds. */
    static synchronized Object embedded() {
        client();
        return embedded;
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

    /**
     * DynamoDB Local as a loopback HTTP server, in memory, for a test whose client must go over the wire as
     * a function's does (its interceptors see real requests and their headers). Close it after the test.
     */
    public static OverHttp overHttp() {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for DynamoDB Local", e);
        }
        try {
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
                    new String[]{"-inMemory", "-port", String.valueOf(port), "-disableTelemetry"});
            server.start();
            OverHttp overHttp = new OverHttp(server, URI.create("http://127.0.0.1:" + port));
            try (DynamoDbClient client = overHttp.client()) {
                client.listTables(); // the server opens its database (this client's) at its first request
            }
            StreamRecordsIndex.addTo(server);
            return overHttp;
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start on port " + port, e);
        }
    }

    /** A running DynamoDB Local over HTTP: its endpoint, and clients of it with the interceptors a test gives. */
    public static final class OverHttp implements AutoCloseable {
        private final DynamoDBProxyServer server;
        private final URI endpoint;

        private OverHttp(DynamoDBProxyServer server, URI endpoint) {
            this.server = server;
            this.endpoint = endpoint;
        }

        public URI endpoint() {
            return endpoint;
        }

        /** The server itself, for a test of what it holds. */
        Object server() {
            return server;
        }

        /** A client over loopback HTTP with dummy credentials in us-east-1, the interceptors in the order given. */
        public DynamoDbClient client(ExecutionInterceptor... interceptors) {
            return DynamoDbClient.builder()
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .endpointOverride(endpoint).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .overrideConfiguration(c -> {
                        for (ExecutionInterceptor interceptor : interceptors) {
                            c.addExecutionInterceptor(interceptor);
                        }
                    })
                    .build();
        }

        @Override
        public void close() {
            try {
                server.stop();
            } catch (Exception e) {
                throw new IllegalStateException("DynamoDB Local did not stop", e);
            }
        }
    }
}

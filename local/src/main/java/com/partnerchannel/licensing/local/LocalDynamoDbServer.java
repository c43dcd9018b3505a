package com.partnerchannel.licensing.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerchannel.licensing.testing.StreamRecordsIndex;
import com.partnerchannel.licensing.testing.TemplateTable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.dynamodb.services.local.main.CommandLineInput;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * DynamoDB Local as a loopback server, as the functions' SDK clients reach a real endpoint: in memory,
 * or in {@code --data-dir} so that the data outlives a restart. One shared database, so every
 * credential and region sees the same tables.
 */
public final class LocalDynamoDbServer implements AutoCloseable {
    static final String ACCESS_KEY = "local";
    static final String SECRET_KEY = "local";
    /**
     * Held, as java.util.logging keeps loggers weakly: inside the runnable jar sqlite4java warns "unknown
     * jar version" (it reads its version from its jar's file name), which is harmless. A filter, not a
     * level, as DynamoDB Local's start resets the levels of java.util.logging.
     */
    private static final Logger SQLITE_LOG = Logger.getLogger("com.almworks.sqlite4java");

    private final DynamoDBProxyServer server;
    private final URI endpoint;
    private final DynamoDbClient client;

    private LocalDynamoDbServer(DynamoDBProxyServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
        this.client = DynamoDbClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    public static LocalDynamoDbServer start(Optional<Path> dataDir) {
        int port = freePort();
        List<String> args = new ArrayList<>(List.of("-port", String.valueOf(port), "-sharedDb", "-disableTelemetry"));
        if (dataDir.isPresent()) {
            try {
                Files.createDirectories(dataDir.get());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the data directory " + dataDir.get(), e);
            }
            args.addAll(List.of("-dbPath", dataDir.get().toAbsolutePath().toString()));
        } else {
            args.add("-inMemory");
        }
        SQLITE_LOG.setFilter(entry -> entry.getMessage() == null || !entry.getMessage().contains("unknown jar version"));
        try {
            // Not createServerFromCommandLineArgs, which prints its configuration before the runner's banner.
            CommandLineInput input = new CommandLineInput(args.toArray(String[]::new));
            if (!input.init()) throw new IllegalStateException("DynamoDB Local refused the arguments " + args);
            DynamoDBProxyServer server = ServerRunner.createServer(input);
            server.start();
            LocalDynamoDbServer started = new LocalDynamoDbServer(server, URI.create("http://127.0.0.1:" + port));
            started.client.listTables(); // the server opens its (shared) database at its first request
            StreamRecordsIndex.addTo(server);
            return started;
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start on port " + port + ": " + e.getMessage(), e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    public DynamoDbClient client() {
        return client;
    }

    /**
     * Creates the table as the template declares it, unless it exists already; true when it created it.
     * A table kept in a data directory from an older template, with other keys or indexes, is refused.
     */
    public boolean ensureTable(JsonNode template, String tableName) {
        CreateTableRequest wanted = TemplateTable.createTableRequest(template, tableName);
        TableDescription existing;
        try {
            existing = client.describeTable(request -> request.tableName(tableName)).table();
        } catch (ResourceNotFoundException absent) {
            client.createTable(wanted);
            String ttl = TemplateTable.ttlAttribute(template);
            if (ttl != null) {
                client.updateTimeToLive(request -> request.tableName(tableName).timeToLiveSpecification(
                        TimeToLiveSpecification.builder().attributeName(ttl).enabled(true).build()));
            }
            return true;
        }
        Map<String, String> want = shape(wanted.keySchema(), wanted.globalSecondaryIndexes().stream().collect(
                Collectors.toMap(GlobalSecondaryIndex::indexName, i -> keys(i.keySchema()) + " " + i.projection().projectionTypeAsString())));
        Map<String, String> have = shape(existing.keySchema(), existing.globalSecondaryIndexes().stream().collect(
                Collectors.toMap(GlobalSecondaryIndexDescription::indexName, i -> keys(i.keySchema()) + " " + i.projection().projectionTypeAsString())));
        if (!want.equals(have)) {
            throw new IllegalStateException("the table " + tableName + " kept in the data directory is not the one template.yaml"
                    + " declares now (it has " + have + ", the template " + want + "); start with another --data-dir or delete this one");
        }
        return false;
    }

    private static Map<String, String> shape(List<KeySchemaElement> tableKeys, Map<String, String> indexes) {
        Map<String, String> shape = new TreeMap<>(indexes);
        shape.put("table", keys(tableKeys));
        return shape;
    }

    private static String keys(List<KeySchemaElement> keys) {
        return keys.stream().map(key -> key.attributeName() + " " + key.keyTypeAsString()).collect(Collectors.joining(", "));
    }

    public boolean isEmpty(String tableName) {
        return client.scan(ScanRequest.builder().tableName(tableName).limit(1).build()).count() == 0;
    }

    @Override
    public void close() {
        client.close();
        try {
            server.stop();
        } catch (Exception e) {
            System.err.println("DynamoDB Local did not stop cleanly: " + e);
        }
    }

    /** DynamoDB Local wants a port number up front; ask the OS for one that is free now. */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for DynamoDB Local", e);
        }
    }
}

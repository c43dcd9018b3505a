package com.partnerchannel.licensing.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerchannel.licensing.testing.TemplateTable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
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
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * DynamoDB Local as a loopback server, as the functions' SDK clients reach a real endpoint: in memory,
 * or in {@code --data-dir} so that the data outlives a restart. One shared database, so every
 * credential and region sees the same tables.
 */
public final class LocalDynamoDbServer implements AutoCloseable {
    static final String ACCESS_KEY = "local";
    static final String SECRET_KEY = "local";
    /** sqlite4java warns on every start that it cannot tell its own version inside a shaded jar; held so the level sticks. */
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
        SQLITE_LOG.setLevel(Level.SEVERE);
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
        try {
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
            server.start();
            return new LocalDynamoDbServer(server, URI.create("http://127.0.0.1:" + port));
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

    /** Creates the table as the template declares it, unless it exists already; true when it created it. */
    public boolean ensureTable(JsonNode template, String tableName) {
        try {
            client.describeTable(request -> request.tableName(tableName));
            return false;
        } catch (ResourceNotFoundException absent) {
            client.createTable(TemplateTable.createTableRequest(template, tableName));
            String ttl = TemplateTable.ttlAttribute(template);
            if (ttl != null) {
                client.updateTimeToLive(request -> request.tableName(tableName).timeToLiveSpecification(
                        TimeToLiveSpecification.builder().attributeName(ttl).enabled(true).build()));
            }
            return true;
        }
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

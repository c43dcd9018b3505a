package com.partnerchannel.licensing.local;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An S3-compatible endpoint on loopback (S3Proxy), keeping objects under the data directory or in
 * memory, checking signatures with the same dummy credentials the functions sign with, so a pre-signed
 * URL the API hands out works with {@code curl -T file.csv}.
 */
final class LocalS3Server implements AutoCloseable {
    static final String UPLOAD_BUCKET = "renewal-uploads";

    private final S3Proxy proxy;
    private final URI endpoint;

    private LocalS3Server(S3Proxy proxy, URI endpoint) {
        this.proxy = proxy;
        this.endpoint = endpoint;
    }

    static LocalS3Server start(String host, Optional<Path> dataDir) {
        try {
            BlobStore store;
            if (dataDir.isPresent()) {
                Path dir = dataDir.get().resolve("s3");
                Files.createDirectories(dir);
                store = new FilesystemNio2BlobStore(dir.toString());
            } else {
                store = new TransientNio2BlobStore();
            }
            S3Proxy proxy = S3Proxy.builder().blobStore(store).endpoint(URI.create("http://" + host + ":0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, LocalDynamoDbServer.ACCESS_KEY,
                            LocalDynamoDbServer.SECRET_KEY)
                    .build();
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) Thread.sleep(10);
            LocalS3Server server = new LocalS3Server(proxy, URI.create("http://" + host + ":" + proxy.getPort()));
            try (S3Client s3 = server.client()) {
                if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(UPLOAD_BUCKET))) {
                    s3.createBucket(r -> r.bucket(UPLOAD_BUCKET));
                }
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start: " + e.getMessage(), e);
        }
    }

    URI endpoint() {
        return endpoint;
    }

    S3Client client() {
        return S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        LocalDynamoDbServer.ACCESS_KEY, LocalDynamoDbServer.SECRET_KEY)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            System.err.println("S3Proxy did not stop cleanly: " + e);
        }
    }
}

package com.partnerchannel.licensing.testing;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URI;

/**
 * S3Proxy on a loopback port, in memory, checking AWS signatures like S3 does; and the real SDK
 * clients pointed at it (path-style addressing).
 */
public final class LocalS3 implements AutoCloseable {
    public static final String KEY = "local-access-key";
    public static final String SECRET = "local-secret-key";

    private final S3Proxy proxy;
    private final URI endpoint;
    private final StaticCredentialsProvider credentials;

    private LocalS3(S3Proxy proxy, URI endpoint, StaticCredentialsProvider credentials) {
        this.proxy = proxy;
        this.endpoint = endpoint;
        this.credentials = credentials;
    }

    public static LocalS3 start() {
        return start(null);
    }

    /**
     * With its Jetty connector's idle timeout set (S3Proxy's own is 30 s, and it has no setting for
     * it): after that long without traffic the server closes a connection, even one the client keeps
     * in its keep-alive cache.
     */
    public static LocalS3 start(java.time.Duration idleTimeout) {
        return start(idleTimeout, KEY, SECRET);
    }

    /** Accepting another key: one the caller shares with another server (DynamoDB Local takes letters and digits only). */
    public static LocalS3 start(java.time.Duration idleTimeout, String key, String secret) {
        try {
            S3Proxy proxy = S3Proxy.builder().blobStore(new TransientNio2BlobStore())
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, key, secret)
                    .build();
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) Thread.sleep(10);
            if (idleTimeout != null) setIdleTimeout(proxy, idleTimeout);
            return new LocalS3(proxy, URI.create("http://127.0.0.1:" + proxy.getPort()),
                    StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)));
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
    }

    /** Sets a started S3Proxy's idle timeout (through its Jetty server: S3Proxy has no setting for it). */
    private static void setIdleTimeout(S3Proxy proxy, java.time.Duration idleTimeout) throws ReflectiveOperationException {
        java.lang.reflect.Field field = S3Proxy.class.getDeclaredField("server");
        field.setAccessible(true);
        for (var connector : ((org.gaul.shaded.org.eclipse.jetty.server.Server) field.get(proxy)).getConnectors()) {
            if (connector instanceof org.gaul.shaded.org.eclipse.jetty.server.AbstractConnector jetty) {
                jetty.setIdleTimeout(idleTimeout.toMillis());
            }
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** The key and secret S3Proxy was started with. */
    public StaticCredentialsProvider credentials() {
        return credentials;
    }

    /** A client of it, with these interceptors (a benchmark's request counter, say). */
    public S3Client client(software.amazon.awssdk.core.interceptor.ExecutionInterceptor... interceptors) {
        return S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> java.util.Arrays.stream(interceptors).forEach(c::addExecutionInterceptor))
                .build();
    }

    public S3Presigner presigner() {
        return S3Presigner.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
    }

    public LocalS3 withBucket(String bucket) {
        try (S3Client s3 = client()) {
            s3.createBucket(r -> r.bucket(bucket));
        }
        return this;
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

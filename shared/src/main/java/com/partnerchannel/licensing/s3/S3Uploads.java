package com.partnerchannel.licensing.s3;

import com.partnerchannel.licensing.renewal.application.Uploads;
import com.partnerchannel.licensing.renewal.model.Row;
import com.partnerchannel.licensing.renewal.model.Upload;
import com.partnerchannel.licensing.aws.AwsCalls;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The upload bucket on S3 (or S3Proxy locally), through {@link AwsCalls}: the five calls the renewal imports make
 * (a pre-signed PutObject URL, HeadObject, GetObject streamed, GetObject and PutObject of the rows), not the
 * generated S3 client, which would add about 4.4 MB to two jars. The bucket is the host's first label
 * ({@code bucket.s3.<region>.amazonaws.com}) on S3, the path's first segment on a local endpoint. A PutObject's
 * body is signed (its SHA-256 in {@code x-amz-content-sha256}, which S3 checks); a GetObject's is checked
 * against the object's size, its ETag ({@code If-Match}) and its MD5 or an S3 checksum ({@link DownloadCheck}).
 */
public final class S3Uploads implements Uploads {
    static final int ATTEMPTS = 3;
    private static final byte[] NOTHING = new byte[0];
    private final AwsCalls s3;
    private final String bucket;
    private final boolean pathStyle;

    /** Path-style (the bucket in the path) when the calls go to a given endpoint, virtual-hosted on S3's own. */
    public S3Uploads(AwsCalls s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
        this.pathStyle = s3.endpointOverridden();
    }

    /** The bucket on a local S3 (S3Proxy): path-style, {@code us-east-1}. */
    public static S3Uploads local(URI endpoint, AwsCredentialsProvider credentials, String bucket) {
        return new S3Uploads(AwsCalls.builder(AwsCalls.Service.S3).endpoint(endpoint).region(Region.US_EAST_1)
                .credentials(credentials).build(), bucket);
    }

    @Override
    public URI presignPut(String key, Duration validFor) {
        return s3.presign(object("PutObject", SdkHttpMethod.PUT, key, Map.of(), NOTHING), validFor);
    }

    @Override
    public Optional<Upload> head(String key) {
        try {
            SdkHttpResponse head = s3.call(object("HeadObject", SdkHttpMethod.HEAD, key, Map.of(), NOTHING)).http();
            return Optional.of(new Upload(bucket, key, unquote(head.firstMatchingHeader("ETag").orElse(null)),
                    head.firstMatchingHeader("Content-Length").map(Long::parseLong).orElse(0L)));
        } catch (AwsServiceException e) {
            if (e.statusCode() == 404) return Optional.empty();
            throw e;
        }
    }

    /** A call on one object of the bucket: the key encoded as S3 signs it (each segment, the slashes kept). */
    AwsCalls.Call object(String operation, SdkHttpMethod method, String key, Map<String, String> headers, byte[] body) {
        return object(bucket, operation, method, key, headers, body);
    }

    private AwsCalls.Call object(String bucket, String operation, SdkHttpMethod method, String key,
                                 Map<String, String> headers, byte[] body) {
        String path = "/" + SdkHttpUtils.urlEncodeIgnoreSlashes(key);
        return pathStyle ? new AwsCalls.Call(operation, method, "", "/" + bucket + path, headers, body)
                : new AwsCalls.Call(operation, method, bucket + ".", path, headers, body);
    }

    /**
     * To a temporary file (Lambda's {@code /tmp}; 512 MB by default, the upload limit is 50 MB). A
     * download that ends short, as when the server closes the connection mid-way, or whose bytes do not match
     * the object's MD5 or checksum ({@link DownloadCheck}), is tried again from the start, and fails after
     * {@link #ATTEMPTS}; the analysis never sees a cut or changed file.
     */
    @Override
    public LocalCopy copy(Upload upload) {
        Path file;
        try {
            file = Files.createTempFile("upload-", ".csv");
        } catch (IOException e) {
            throw new UncheckedIOException("no room for a local copy of " + upload.key(), e);
        }
        try {
            retrying("download " + upload.key(), () -> {
                try (AwsCalls.Opened opened = s3.open(object(upload.bucket(), "GetObject", SdkHttpMethod.GET, upload.key(),
                        Map.of("If-Match", "\"" + upload.etag() + "\"", DownloadCheck.CHECKSUM_MODE, "ENABLED"), NOTHING))) {
                    Optional<DownloadCheck> check = DownloadCheck.of(upload.etag(), opened.http());
                    InputStream in = check.map(c -> c.reading(opened.body())).orElse(opened.body());
                    long copied = Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                    if (copied != upload.size()) {
                        throw new ShortRead(upload.key() + ": " + copied + " of " + upload.size() + " bytes arrived");
                    }
                    check.ifPresent(c -> c.verify(upload.key()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (RuntimeException e) {
            delete(file);
            throw e;
        }
        return new TempFile(file);
    }

    /** A local copy in a temporary file, deleted on close. */
    record TempFile(Path path) implements LocalCopy {
        @Override
        public InputStream open() throws IOException {
            return Files.newInputStream(path);
        }

        @Override
        public void close() {
            delete(path);
        }
    }

    /** The same key and bytes again, so safe to repeat on a failed connection. */
    @Override
    public void saveRows(String key, List<Row> rows) {
        byte[] body = bytes(rows);
        retrying("save " + key, () -> s3.call(object("PutObject", SdkHttpMethod.PUT, key,
                Map.of("Content-Type", "application/json"), body)));
    }

    /**
     * Runs an idempotent S3 call up to {@link #ATTEMPTS} times on a failed connection. The SDK's retry strategy
     * retries most of those itself, but not an {@code UncheckedIOException} from the url-connection client (a
     * kept-alive connection the server had closed: aws/aws-sdk-java-v2#6578), nor a body cut mid-way.
     */
    private static void retrying(String what, Runnable call) {
        for (int attempt = 1; ; attempt++) {
            try {
                call.run();
                return;
            } catch (UncheckedIOException | SdkClientException e) {
                if (attempt == ATTEMPTS) throw new UncheckedIOException(what + " failed " + ATTEMPTS + " times",
                        e instanceof UncheckedIOException u ? u.getCause() : new IOException(e));
            }
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // /tmp is the function's own and goes with its environment
        }
    }

    /** Fewer bytes arrived than the object has. */
    static final class ShortRead extends UncheckedIOException {
        ShortRead(String message) {
            super(new IOException(message));
        }
    }

    @Override
    public List<Row> rows(String key) {
        try (InputStream in = s3.open(object("GetObject", SdkHttpMethod.GET, key, Map.of(), NOTHING)).body()) {
            return RowsJson.read(RowsJson.mapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String unquote(String etag) {
        return etag == null ? "" : etag.replace("\"", "");
    }

    private static byte[] bytes(List<Row> rows) {
        try {
            return RowsJson.mapper().writeValueAsBytes(RowsJson.write(rows));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

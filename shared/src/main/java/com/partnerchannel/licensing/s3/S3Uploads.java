package com.partnerchannel.licensing.s3;

import com.partnerchannel.licensing.renewal.application.Uploads;
import com.partnerchannel.licensing.renewal.model.Row;
import com.partnerchannel.licensing.renewal.model.Upload;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The upload bucket on S3 (or S3Proxy locally). */
public final class S3Uploads implements Uploads {
    static final int ATTEMPTS = 3;
    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    public S3Uploads(S3Client s3, S3Presigner presigner, String bucket) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
    }

    @Override
    public URI presignPut(String key, Duration validFor) {
        return URI.create(presigner.presignPutObject(r -> r.signatureDuration(validFor)
                .putObjectRequest(p -> p.bucket(bucket).key(key))).url().toString());
    }

    @Override
    public Optional<Upload> head(String key) {
        try {
            HeadObjectResponse head = s3.headObject(r -> r.bucket(bucket).key(key));
            return Optional.of(new Upload(bucket, key, unquote(head.eTag()), head.contentLength()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) return Optional.empty();
            throw e;
        }
    }

    /**
     * To a temporary file (Lambda's {@code /tmp}; 512 MB by default, the upload limit is 50 MB). A
     * download that ends short, as when the server closes the connection mid-way, is tried again from
     * the start; the analysis never sees a cut file.
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
                try (InputStream in = s3.getObject(r -> r.bucket(upload.bucket()).key(upload.key())
                        .ifMatch("\"" + upload.etag() + "\""))) {
                    long copied = Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                    if (copied != upload.size()) {
                        throw new ShortRead(upload.key() + ": " + copied + " of " + upload.size() + " bytes arrived");
                    }
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
        retrying("save " + key, () -> s3.putObject(r -> r.bucket(bucket).key(key).contentType("application/json"),
                RequestBody.fromBytes(body)));
    }

    /**
     * Runs an idempotent S3 call up to {@link #ATTEMPTS} times on a failed connection. The SDK retries
     * most of those itself, but not an {@code UncheckedIOException} from the url-connection client (a
     * kept-alive connection the server had closed: aws/aws-sdk-java-v2#6578).
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
        try (InputStream in = s3.getObject(r -> r.bucket(bucket).key(key))) {
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

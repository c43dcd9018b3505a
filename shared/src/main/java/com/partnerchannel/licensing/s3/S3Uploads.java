package com.partnerchannel.licensing.s3;

import com.partnerchannel.licensing.renewal.application.Uploads;
import com.partnerchannel.licensing.renewal.model.Row;
import com.partnerchannel.licensing.renewal.model.Upload;
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
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The upload bucket on S3 (or S3Proxy locally). */
public final class S3Uploads implements Uploads {
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

    @Override
    public InputStream open(Upload upload) {
        return s3.getObject(r -> r.bucket(upload.bucket()).key(upload.key()).ifMatch("\"" + upload.etag() + "\""));
    }

    @Override
    public void saveRows(String key, List<Row> rows) {
        s3.putObject(r -> r.bucket(bucket).key(key).contentType("application/json"),
                RequestBody.fromBytes(bytes(rows)));
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

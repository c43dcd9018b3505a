package com.partnerchannel.licensing.memory;

import com.partnerchannel.licensing.renewal.application.Uploads;
import com.partnerchannel.licensing.renewal.model.Row;
import com.partnerchannel.licensing.renewal.model.Upload;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Uploads} as a map of objects: {@link #put} is a manager's upload (its ETag the MD5 of the bytes, unquoted,
 * as S3's event and the S3 adapter name a single-part upload); a copy fails when the object changed since the upload it names.
 */
public final class InMemoryUploads implements Uploads {
    public static final String BUCKET = "uploads-in-memory";

    private final Map<String, byte[]> objects = new LinkedHashMap<>();
    private final Map<String, List<Row>> rows = new LinkedHashMap<>();

    /** Puts the file at {@code key}, as the holder of the upload URL would; answers the upload S3's event names. */
    public synchronized Upload put(String key, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        objects.put(key, bytes);
        return new Upload(BUCKET, key, etag(bytes), bytes.length);
    }

    @Override
    public URI presignPut(String key, Duration validFor) {
        try {
            return new URI("https", BUCKET + ".invalid", "/" + key, "expires=" + validFor.toSeconds(), null);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(key, e);
        }
    }

    @Override
    public synchronized Optional<Upload> head(String key) {
        return Optional.ofNullable(objects.get(key)).map(bytes -> new Upload(BUCKET, key, etag(bytes), bytes.length));
    }

    @Override
    public synchronized LocalCopy copy(Upload upload) {
        byte[] bytes = objects.get(upload.key());
        if (bytes == null || !etag(bytes).equals(upload.etag())) {
            throw new IllegalStateException("object " + upload.key() + " changed since upload " + upload.etag());
        }
        return new LocalCopy() {
            @Override
            public InputStream open() {
                return new ByteArrayInputStream(bytes);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public synchronized void saveRows(String key, List<Row> rows) {
        this.rows.put(key, List.copyOf(rows));
    }

    @Override
    public synchronized List<Row> rows(String key) {
        List<Row> saved = this.rows.get(key);
        if (saved == null) throw new IllegalStateException("no rows at " + key);
        return saved;
    }

    private static String etag(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

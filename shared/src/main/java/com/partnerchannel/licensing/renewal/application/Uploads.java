package com.partnerchannel.licensing.renewal.application;

import com.partnerchannel.licensing.renewal.model.Row;
import com.partnerchannel.licensing.renewal.model.Upload;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The upload bucket: where managers put files, and where analyses keep their rows. */
public interface Uploads {
    /** A URL that lets its holder PUT one object at {@code key}, for {@code validFor}, with any content type (so {@code curl -T} works). */
    URI presignPut(String key, Duration validFor);

    /** The object now at {@code key}, if any. */
    Optional<Upload> head(String key);

    /**
     * Copies that version of the object to local storage in one quick read, and checks that every
     * byte arrived; fails if the object changed meanwhile. The analysis reads the copy, twice, at its
     * own pace: a download held open while each batch of rows is looked up would stall the connection
     * for minutes, and a server may close a stalled connection (S3Proxy after 30 s), cutting the file.
     */
    LocalCopy copy(Upload upload);

    /** A local copy of an upload, read as often as needed; closing it deletes it. */
    interface LocalCopy extends AutoCloseable {
        InputStream open() throws java.io.IOException;

        @Override
        void close();
    }

    /** Keeps every row of an analysis (outside the upload prefix, so it triggers nothing). */
    void saveRows(String key, List<Row> rows);

    List<Row> rows(String key);
}

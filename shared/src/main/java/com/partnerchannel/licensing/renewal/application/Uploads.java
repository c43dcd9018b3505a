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

    /** Streams that version of the object; fails if the object changed meanwhile. */
    InputStream open(Upload upload);

    /** Keeps every row of an analysis (outside the upload prefix, so it triggers nothing). */
    void saveRows(String key, List<Row> rows);

    List<Row> rows(String key);
}

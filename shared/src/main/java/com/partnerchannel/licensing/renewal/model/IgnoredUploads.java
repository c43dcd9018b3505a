package com.partnerchannel.licensing.renewal.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Uploads under the import's key that arrived once it was confirmed or being confirmed: recorded, never
 * analysed, so that a confirmed import stays what the manager confirmed. The pre-signed URL lets its holder
 * upload as often as they like for 15 minutes, so the item keeps the latest {@link #KEPT} and counts them all.
 */
public record IgnoredUploads(int count, List<Ignored> latest) {
    public static final int KEPT = 20;
    public static final IgnoredUploads NONE = new IgnoredUploads(0, List.of());

    /** One object version, and the import's status when it arrived. */
    public record Ignored(String etag, long size, ImportStatus importStatus, Instant at) {
    }

    public IgnoredUploads {
        latest = List.copyOf(latest);
    }

    /** A repeated S3 event for a version already recorded adds nothing. */
    public boolean contains(Upload upload) {
        return latest.stream().anyMatch(ignored -> ignored.etag().equals(upload.etag()));
    }

    public IgnoredUploads with(Ignored ignored) {
        List<Ignored> next = new ArrayList<>(latest);
        next.add(ignored);
        return new IgnoredUploads(count + 1, next.subList(Math.max(0, next.size() - KEPT), next.size()));
    }
}

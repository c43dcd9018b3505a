package com.partnerchannel.licensing.renewal.model;

import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.UserId;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A CSV renewal: the manager uploads a file, reviews the analysis, and confirms it by its
 * {@code analysisId}. {@code upload} is the latest object version analysed; {@code version} guards every
 * change (optimistic concurrency). {@code confirmation} is the confirm under way (or the last one refused),
 * {@code reanalysis} the request handed to the analysis worker (see {@link ImportStatus}).
 * {@code ignoredUploads} are the uploads that came once a confirm had begun.
 */
public record RenewalImport(
        ImportId importId,
        CompanyId companyId,
        ImportStatus status,
        UserId createdBy,
        Instant createdAt,
        String uploadKey,
        Instant uploadExpiresAt,
        Optional<Upload> upload,
        Optional<Analysis> analysis,
        Optional<ImportFailure> failure,
        Optional<ConfirmResult> result,
        Optional<Confirmation> confirmation,
        Optional<Reanalysis> reanalysis,
        IgnoredUploads ignoredUploads,
        long version) {

    /**
     * Longer than a worker's own timeout (15 minutes): a request still {@code confirming} or
     * {@code analysing} then was lost, and may be asked for again.
     */
    private static final Duration WORKER_OVERDUE = Duration.ofMinutes(20);

    /** Uploads go under this prefix, and nothing else does: the bucket notification listens to it alone. */
    public static final String UPLOAD_PREFIX = "uploads/";
    public static final String RESULTS_PREFIX = "results/";

    public static String uploadKey(CompanyId companyId, ImportId importId) {
        return UPLOAD_PREFIX + companyId.value() + "/" + importId.value() + ".csv";
    }

    public static RenewalImport started(ImportId id, CompanyId companyId, UserId by, Instant at, Instant uploadExpiresAt) {
        return new RenewalImport(id, companyId, ImportStatus.awaiting_upload, by, at, uploadKey(companyId, id),
                uploadExpiresAt, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), IgnoredUploads.NONE, 0);
    }

    /**
     * Whether the request handed to a worker ({@code confirmation} while {@code confirming},
     * {@code reanalysis} while {@code analysing}) is overdue at {@code now}, or there is none: the import
     * may then be confirmed or analysed again.
     */
    public boolean workerRequestLost(Instant now) {
        Optional<Instant> requestedAt = switch (status) {
            case confirming -> confirmation.map(Confirmation::requestedAt);
            case analysing -> reanalysis.map(Reanalysis::requestedAt);
            default -> Optional.empty();
        };
        return requestedAt.map(at -> at.plus(WORKER_OVERDUE).isBefore(now)).orElse(true);
    }

    /** This object version was analysed (or found unusable) already: a repeated S3 event changes nothing. */
    public boolean hasSeen(Upload candidate) {
        return upload.map(seen -> seen.etag().equals(candidate.etag())).orElse(false)
                && status != ImportStatus.awaiting_upload;
    }

    /**
     * Whether a new upload is analysed. Once a confirm has begun, the analysis it confirms is final: a
     * later upload under the key is only recorded ({@link #ignoring}), and the result stays.
     */
    public boolean takesUploads() {
        return status != ImportStatus.confirming && status != ImportStatus.confirmed;
    }

    /** An upload that came once a confirm had begun: recorded, and nothing else changes. */
    public RenewalImport ignoring(Upload upload, Instant at) {
        return new RenewalImport(importId, companyId, status, createdBy, createdAt, uploadKey, uploadExpiresAt, this.upload,
                analysis, failure, result, confirmation, reanalysis,
                ignoredUploads.with(new IgnoredUploads.Ignored(upload.etag(), upload.size(), status, at)), version + 1);
    }

    public RenewalImport analysed(Analysis analysis) {
        return new RenewalImport(importId, companyId, ImportStatus.analysed, createdBy, createdAt, uploadKey,
                uploadExpiresAt, Optional.of(analysis.upload()), Optional.of(analysis), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), ignoredUploads, version + 1);
    }

    public RenewalImport failed(Upload upload, ImportFailure failure) {
        return new RenewalImport(importId, companyId, ImportStatus.failed, createdBy, createdAt, uploadKey,
                uploadExpiresAt, Optional.of(upload), Optional.empty(), Optional.of(failure), Optional.empty(),
                Optional.empty(), Optional.empty(), ignoredUploads, version + 1);
    }

    public RenewalImport confirmed(ConfirmResult result) {
        return new RenewalImport(importId, companyId, ImportStatus.confirmed, createdBy, createdAt, uploadKey,
                uploadExpiresAt, upload, analysis, Optional.empty(), Optional.of(result), confirmation, Optional.empty(),
                ignoredUploads, version + 1);
    }

    /**
     * A confirm of the analysis it names has begun: in the request, or handed to the confirm worker. Saved
     * before anything is renewed, so that no upload can replace the analysis while it is renewed.
     */
    public RenewalImport confirming(Confirmation request) {
        return new RenewalImport(importId, companyId, ImportStatus.confirming, createdBy, createdAt, uploadKey,
                uploadExpiresAt, upload, analysis, Optional.empty(), Optional.empty(), Optional.of(request), Optional.empty(),
                ignoredUploads, version + 1);
    }

    /** The worker renewed nothing (too few free seats): analysed again, with the reason, to confirm again. */
    public RenewalImport confirmFailed(Confirmation.Failure failure) {
        return new RenewalImport(importId, companyId, ImportStatus.analysed, createdBy, createdAt, uploadKey,
                uploadExpiresAt, upload, analysis, Optional.empty(), Optional.empty(),
                confirmation.map(c -> c.failed(failure)), Optional.empty(), ignoredUploads, version + 1);
    }

    /** Handed to the analysis worker; the last analysis (or failure) stays readable meanwhile. */
    public RenewalImport analysing(Reanalysis request) {
        return new RenewalImport(importId, companyId, ImportStatus.analysing, createdBy, createdAt, uploadKey,
                uploadExpiresAt, upload, analysis, failure, Optional.empty(), Optional.empty(), Optional.of(request),
                ignoredUploads, version + 1);
    }
}

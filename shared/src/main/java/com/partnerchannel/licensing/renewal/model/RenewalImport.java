package com.partnerchannel.licensing.renewal.model;

import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.UserId;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A CSV renewal: the manager uploads a file, reviews the analysis, and confirms. {@code upload} is
 * the latest object version seen; {@code version} guards every change (optimistic concurrency).
 * {@code confirmation} and {@code reanalysis} are the requests handed to the workers (see {@link ImportStatus}).
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
        long version) {

    /** Uploads go under this prefix, and nothing else does: the bucket notification listens to it alone. */
    /**
     * Longer than a worker's own timeout (15 minutes): a request still {@code confirming} or
     * {@code analysing} then was lost, and may be asked for again.
     */
    private static final Duration WORKER_OVERDUE = Duration.ofMinutes(20);

    public static final String UPLOAD_PREFIX = "uploads/";
    public static final String RESULTS_PREFIX = "results/";

    public static String uploadKey(CompanyId companyId, ImportId importId) {
        return UPLOAD_PREFIX + companyId.value() + "/" + importId.value() + ".csv";
    }

    public static RenewalImport started(ImportId id, CompanyId companyId, UserId by, Instant at, Instant uploadExpiresAt) {
        return new RenewalImport(id, companyId, ImportStatus.awaiting_upload, by, at, uploadKey(companyId, id),
                uploadExpiresAt, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), 0);
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

    public RenewalImport analysed(Analysis analysis) {
        return new RenewalImport(importId, companyId, ImportStatus.analysed, createdBy, createdAt, uploadKey,
                uploadExpiresAt, Optional.of(analysis.upload()), Optional.of(analysis), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), version + 1);
    }

    public RenewalImport failed(Upload upload, ImportFailure failure) {
        return new RenewalImport(importId, companyId, ImportStatus.failed, createdBy, createdAt, uploadKey,
                uploadExpiresAt, Optional.of(upload), Optional.empty(), Optional.of(failure), Optional.empty(),
                Optional.empty(), Optional.empty(), version + 1);
    }

    public RenewalImport confirmed(ConfirmResult result) {
        return new RenewalImport(importId, companyId, ImportStatus.confirmed, createdBy, createdAt, uploadKey,
                uploadExpiresAt, upload, analysis, Optional.empty(), Optional.of(result), confirmation, Optional.empty(),
                version + 1);
    }

    /** Handed to the confirm worker. */
    public RenewalImport confirming(Confirmation request) {
        return new RenewalImport(importId, companyId, ImportStatus.confirming, createdBy, createdAt, uploadKey,
                uploadExpiresAt, upload, analysis, Optional.empty(), Optional.empty(), Optional.of(request), Optional.empty(),
                version + 1);
    }

    /** The worker renewed nothing (too few free seats): analysed again, with the reason, to confirm again. */
    public RenewalImport confirmFailed(Confirmation.Failure failure) {
        return new RenewalImport(importId, companyId, ImportStatus.analysed, createdBy, createdAt, uploadKey,
                uploadExpiresAt, upload, analysis, Optional.empty(), Optional.empty(),
                confirmation.map(c -> c.failed(failure)), Optional.empty(), version + 1);
    }

    /** Handed to the analysis worker; the last analysis (or failure) stays readable meanwhile. */
    public RenewalImport analysing(Reanalysis request) {
        return new RenewalImport(importId, companyId, ImportStatus.analysing, createdBy, createdAt, uploadKey,
                uploadExpiresAt, upload, analysis, failure, Optional.empty(), Optional.empty(), Optional.of(request),
                version + 1);
    }
}

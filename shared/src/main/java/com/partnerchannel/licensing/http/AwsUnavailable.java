package com.partnerchannel.licensing.http;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

import java.util.Optional;

/**
 * Whether a failure is AWS being busy rather than anything wrong with the request or with us: a throttle
 * (ProvisionedThroughputExceeded, Throttling, RequestLimitExceeded, TooManyRequests…), a 5xx such as
 * InternalServerError, or a transaction cancelled because one of its items was throttled. The SDK has
 * retried these already (its standard retry strategy); one that reaches a handler is answered 503 with
 * Retry-After, never 500. A throttled or cancelled write changed nothing; a 500 may hide a write that
 * committed, which a repeat with the same Idempotency-Key answers as done.
 */
final class AwsUnavailable {
    private AwsUnavailable() {
    }

    /**
     * Whether {@code failure} is a single-item write that a transaction on its item refused through every
     * attempt the SDK made: nothing was written, and the request may be sent again (a 409 with Retry-After).
     */
    static boolean isTransactionConflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TransactionConflictException) return true;
        }
        return false;
    }

    /** The AWS error code that makes {@code failure} (or what it wraps) a busy AWS; empty when it is not one. */
    static Optional<String> errorCode(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (!(cause instanceof AwsServiceException aws)) continue;
            String code = aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorCode();
            if (aws.isThrottlingException() || aws.statusCode() >= 500) {
                return Optional.of(code == null ? "HTTP " + aws.statusCode() : code);
            }
            if (aws instanceof TransactionCanceledException cancelled && cancelled.hasCancellationReasons()
                    && cancelled.cancellationReasons().stream().map(CancellationReason::code).anyMatch("ThrottlingError"::equals)) {
                return Optional.of("TransactionCanceledException (ThrottlingError)");
            }
        }
        return Optional.empty();
    }
}

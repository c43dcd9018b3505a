package com.partnerchannel.licensing.config;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

import java.time.Duration;

/**
 * How every DynamoDB client retries a call itself: the SDK's standard retry strategy (throttles, 5xx and
 * I/O errors; its circuit breaker stops retrying while most calls fail), and a single-item write refused
 * with TransactionConflictException (a transaction held the item; nothing was written, so the same write
 * may go again), with 4 attempts and capped
 * exponential backoff with full jitter. Left to the SDK's default, a DynamoDB call makes 9 attempts
 * with waits up to 20 s, more than an API function's 29 s; here its waits add up to at most 0.7 s for a
 * throttled call (175 ms otherwise), so a request AWS keeps refusing is answered 503 in time.
 */
public final class DynamoDbRetries {
    public static final int MAX_ATTEMPTS = 4;
    /** Before retry n, a random wait up to min(cap, base × 2^(n-1)). */
    public static final Duration BASE = Duration.ofMillis(25);
    public static final Duration THROTTLED_BASE = Duration.ofMillis(100);
    public static final Duration CAP = Duration.ofSeconds(1);

    private DynamoDbRetries() {
    }

    public static RetryStrategy strategy() {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(MAX_ATTEMPTS)
                .retryOnException(TransactionConflictException.class)
                .backoffStrategy(BackoffStrategy.exponentialDelay(BASE, CAP))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(THROTTLED_BASE, CAP))
                .build();
    }
}

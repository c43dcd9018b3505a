package com.partnerchannel.licensing.common;

/**
 * The first response to a POST with an {@code Idempotency-Key}, kept with the change it made.
 * {@code requestHash} tells a true repeat from the same key reused for another request.
 */
public record IdempotencyRecord(String companyId, String userId, String key, String requestHash, int status,
                                String body) {
}

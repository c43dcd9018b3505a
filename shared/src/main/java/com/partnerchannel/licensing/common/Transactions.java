package com.partnerchannel.licensing.common;

import java.util.List;
import java.util.Optional;

/** Commits a use case's changes, all or nothing, with the idempotency record of the request. */
public interface Transactions {

    /**
     * @throws ConcurrentChange when another writer got there first (a condition of a change failed)
     * @throws RequestAlreadyDone when the idempotency record exists: the request was done before
     */
    void commit(List<Change> changes, Optional<IdempotencyRecord> record);

    Optional<IdempotencyRecord> findRecord(String companyId, String userId, String key);

    final class ConcurrentChange extends RuntimeException {
        public ConcurrentChange(String message, Throwable cause) {
            super(message, cause);
        }
    }

    final class RequestAlreadyDone extends RuntimeException {
        public RequestAlreadyDone(Throwable cause) {
            super("the idempotency key was used before", cause);
        }
    }
}

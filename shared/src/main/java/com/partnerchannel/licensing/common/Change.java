package com.partnerchannel.licensing.common;

/**
 * One write a use case decided on. A use case returns its changes instead of writing them, so that
 * all of them (and the idempotency record of the request) commit in one transaction, or none does.
 */
public interface Change {
}

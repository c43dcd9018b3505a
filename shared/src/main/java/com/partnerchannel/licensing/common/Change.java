package com.partnerchannel.licensing.common;

/**
 * One write a use case decided on. A use case returns its changes instead of writing them, so that
 * all of them (and the idempotency record of the request) commit in one transaction, or none does.
 * Every change is a {@link Publish} or a kind of its capability's sealed change (CompanyChange,
 * OrderChange, AllocationChange, RenewalImportChange), whose mapping the adapters implement, so the
 * compiler holds them to mapping every kind; HexagonalArchitectureTest keeps it so.
 */
public interface Change {
}

package com.partnerchannel.licensing.renewal.model;

/**
 * {@code awaiting_upload} → {@code analysed} (or {@code failed}, with the reason) → {@code confirmed}.
 * A new upload or another email column analyses again.
 */
public enum ImportStatus {
    awaiting_upload, analysed, failed, confirmed
}

package com.partnerchannel.licensing.renewal.model;

/**
 * {@code awaiting_upload} → {@code analysed} (or {@code failed}, with the reason) → {@code confirmed}.
 * A new upload or another email column analyses again; another column on a file too large to analyse
 * within the request passes through {@code analysing} (the analysis worker does it). A confirm too large
 * to answer at once passes through {@code confirming} (the confirm worker renews), and back to
 * {@code analysed} if too few seats were free.
 */
public enum ImportStatus {
    awaiting_upload, analysing, analysed, failed, confirming, confirmed
}

package com.partnerchannel.licensing.renewal.model;

/**
 * {@code awaiting_upload} → {@code analysed} (or {@code failed}, with the reason) → {@code confirmed}.
 * A new upload or another email column analyses again; another column on a file too large to analyse
 * within the request passes through {@code analysing} (the analysis worker does it).
 * A confirm passes through {@code confirming} before it renews anything (a large one stays there while the
 * confirm worker renews), and goes back to {@code analysed} if too few seats were free. {@code confirmed}
 * is final: an upload from {@code confirming} on is recorded and never analysed.
 */
public enum ImportStatus {
    awaiting_upload, analysing, analysed, failed, confirming, confirmed
}

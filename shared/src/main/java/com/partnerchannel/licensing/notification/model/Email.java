package com.partnerchannel.licensing.notification.model;

/** One email to one recipient, with a plain-text and an HTML part. */
public record Email(String to, String subject, String text, String html) {
}

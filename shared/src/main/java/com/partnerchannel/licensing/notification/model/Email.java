package com.partnerchannel.licensing.notification.model;

import com.partnerchannel.licensing.common.Text;

/** One email to one recipient, with a plain-text and an HTML part. Its subject is one line, always. */
public record Email(String to, String subject, String text, String html) {
    public Email {
        if (Text.forbiddenInOneLine(subject).isPresent()) {
            throw new IllegalArgumentException("an email's subject must be one line of visible text");
        }
    }
}

package com.partnerchannel.licensing.notification.model;

import java.time.Instant;
import java.util.Locale;

/**
 * An address mail must not go to again: it bounced for good (the mailbox does not exist) or its owner
 * complained. Kept as the notifier compares recipients: trimmed, lower case.
 */
public record UndeliverableAddress(String address, Reason reason, Instant at) {
    public enum Reason { HARD_BOUNCE, COMPLAINT }

    public UndeliverableAddress {
        address = address.trim().toLowerCase(Locale.ROOT);
        if (address.isEmpty()) throw new IllegalArgumentException("an undeliverable address must not be blank");
    }
}

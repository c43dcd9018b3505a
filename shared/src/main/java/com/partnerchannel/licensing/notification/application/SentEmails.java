package com.partnerchannel.licensing.notification.application;

import java.time.Instant;

/**
 * The record that an event's email went to a recipient. It is claimed before sending, so a redelivered
 * event never sends twice.
 */
public interface SentEmails {
    enum Claim {
        /** Ours to send now. */
        CLAIMED,
        /** Sent before. */
        SENT,
        /** Claimed by a run that did not say how it ended: it may have been sent, so it is not sent again. */
        IN_DOUBT
    }

    Claim claim(String companyId, String eventId, String recipient, Instant at);

    void sent(String companyId, String eventId, String recipient, String messageId, Instant at);

    /** The send failed: drop the claim, so the platform's retry sends it. */
    void release(String companyId, String eventId, String recipient);
}

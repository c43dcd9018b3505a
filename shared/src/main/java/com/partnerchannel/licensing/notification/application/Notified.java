package com.partnerchannel.licensing.notification.application;

import java.util.List;

/**
 * What the notifier did with one event: to whom it sent, who had been sent it before, whose earlier
 * attempt is in doubt, and whose address hard-bounced or complained before (sent nothing).
 */
public record Notified(String eventId, List<String> sent, List<String> sentBefore, List<String> inDoubt,
                       List<String> undeliverable) {
    public Notified {
        sent = List.copyOf(sent);
        sentBefore = List.copyOf(sentBefore);
        inDoubt = List.copyOf(inDoubt);
        undeliverable = List.copyOf(undeliverable);
    }
}

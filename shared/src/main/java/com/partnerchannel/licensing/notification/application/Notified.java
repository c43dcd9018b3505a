package com.partnerchannel.licensing.notification.application;

import java.util.List;

/** What the notifier did with one event: to whom it sent, and who had been sent it before. */
public record Notified(String eventId, List<String> sent, List<String> sentBefore, List<String> inDoubt) {
    public Notified {
        sent = List.copyOf(sent);
        sentBefore = List.copyOf(sentBefore);
        inDoubt = List.copyOf(inDoubt);
    }
}

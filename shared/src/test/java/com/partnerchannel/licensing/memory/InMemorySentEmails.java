package com.partnerchannel.licensing.memory;

import com.partnerchannel.licensing.notification.application.SentEmails;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@link SentEmails} on an {@link InMemoryTable}: a claim per event and recipient (trimmed, any case), then sent. */
public final class InMemorySentEmails implements SentEmails {
    private static final String SENDING = "sending";
    private static final String SENT = "sent";

    private final InMemoryTable table;

    public InMemorySentEmails(InMemoryTable table) {
        this.table = table;
    }

    @Override
    public Claim claim(String companyId, String eventId, String recipient, Instant at) {
        synchronized (table) {
            InMemoryTable.SentEmailRow row = table.sentEmails.get(key(companyId, eventId, recipient));
            if (row == null) {
                table.sentEmails.put(key(companyId, eventId, recipient), new InMemoryTable.SentEmailRow(SENDING, Optional.empty()));
                return Claim.CLAIMED;
            }
            return SENT.equals(row.status()) ? Claim.SENT : Claim.IN_DOUBT;
        }
    }

    @Override
    public void sent(String companyId, String eventId, String recipient, String messageId, Instant at) {
        synchronized (table) {
            if (!table.sentEmails.containsKey(key(companyId, eventId, recipient))) {
                throw new IllegalStateException("no claim on the email of " + eventId + " to " + recipient);
            }
            table.sentEmails.put(key(companyId, eventId, recipient), new InMemoryTable.SentEmailRow(SENT, Optional.of(messageId)));
        }
    }

    @Override
    public void release(String companyId, String eventId, String recipient) {
        synchronized (table) {
            InMemoryTable.SentEmailRow row = table.sentEmails.get(key(companyId, eventId, recipient));
            if (row != null && SENDING.equals(row.status())) table.sentEmails.remove(key(companyId, eventId, recipient));
        }
    }

    private static List<String> key(String companyId, String eventId, String recipient) {
        return List.of(companyId, eventId, recipient.trim().toLowerCase(Locale.ROOT));
    }
}

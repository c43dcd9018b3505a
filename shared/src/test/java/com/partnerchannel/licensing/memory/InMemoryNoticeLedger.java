package com.partnerchannel.licensing.memory;

import com.partnerchannel.licensing.common.Publish;
import com.partnerchannel.licensing.expiry.application.NoticeLedger;
import com.partnerchannel.licensing.expiry.model.Notice;
import com.partnerchannel.licensing.expiry.model.NoticeOutcome;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** {@link NoticeLedger} on an {@link InMemoryTable}: one entry per customer, kind and moment, with its event, once. */
public final class InMemoryNoticeLedger implements NoticeLedger {
    private final InMemoryTable table;

    public InMemoryNoticeLedger(InMemoryTable table) {
        this.table = table;
    }

    @Override
    public boolean record(Notice notice, NoticeOutcome outcome, Optional<Publish> event, Instant at) {
        // The ledger's key holds the moment to the millisecond, as the table's does.
        Notice key = new Notice(notice.companyId(), notice.kind(), notice.expiresAt().truncatedTo(ChronoUnit.MILLIS),
                notice.trial());
        synchronized (table) {
            if (table.notices.containsKey(key)) return false;
            if (event.isPresent() && table.outbox.containsKey(InMemoryTransactions.outboxKey(event.get()))) {
                throw new IllegalStateException("event " + event.get().eventId() + " is in the outbox already");
            }
            table.notices.put(key, new InMemoryTable.NoticeRow(notice, outcome, event.map(Publish::eventId), at));
            event.ifPresent(publish -> table.outbox.put(InMemoryTransactions.outboxKey(publish), publish));
            return true;
        }
    }
}

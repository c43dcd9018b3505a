package com.partnerchannel.licensing.outbox;

import com.partnerchannel.licensing.common.Publish;
import com.partnerchannel.licensing.common.Ulids;
import com.partnerchannel.licensing.memory.InMemoryOutbox;
import com.partnerchannel.licensing.memory.InMemoryTable;
import com.partnerchannel.licensing.memory.InMemoryTransactions;
import com.partnerchannel.licensing.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The outbox watch's measure, over the in-memory outbox: the oldest unpublished event's age, 0 when none waits. */
class WatchingOutboxTest {
    private final MutableClock clock = MutableClock.at("2026-03-01T09:00:00Z");
    private final Ulids ids = new Ulids(clock);
    private final InMemoryTable table = new InMemoryTable();
    private final InMemoryTransactions transactions = new InMemoryTransactions(table, clock);
    private final Outbox outbox = new InMemoryOutbox(table);
    private final WatchingOutbox watching = new WatchingOutbox(outbox, clock);

    @Test
    void theAgeIsThatOfTheOldestEventTheBusHasNotTakenAndZeroOnceItTookThemAll() {
        assertThat(watching.oldestUnpublishedAge()).as("nothing committed").isZero();
        commit("ACME");
        clock.advance(Duration.ofMinutes(10));
        commit("GLOBEX");
        clock.advance(Duration.ofMinutes(7));

        assertThat(watching.oldestUnpublishedAge()).isEqualTo(Duration.ofMinutes(17));

        new RedrivingEvents(events -> List.of(), outbox, clock).redrive(() -> true);
        assertThat(watching.oldestUnpublishedAge()).as("all published by the redrive").isZero();
    }

    private void commit(String companyId) {
        transactions.commit(List.of(new Publish(ids.next(), new RedrivingEventsTest.Happened(companyId, clock.instant()))),
                Optional.empty());
    }
}

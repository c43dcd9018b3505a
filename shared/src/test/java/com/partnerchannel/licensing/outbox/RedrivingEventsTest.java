package com.partnerchannel.licensing.outbox;

import com.partnerchannel.licensing.common.DomainEvent;
import com.partnerchannel.licensing.common.Publish;
import com.partnerchannel.licensing.common.Ulids;
import com.partnerchannel.licensing.memory.InMemoryOutbox;
import com.partnerchannel.licensing.memory.InMemoryTable;
import com.partnerchannel.licensing.memory.InMemoryTransactions;
import com.partnerchannel.licensing.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The redrive's rules, over the in-memory outbox and a bus that records each call (no network). */
class RedrivingEventsTest {
    record Happened(String companyId, Instant occurredAt) implements DomainEvent {
        @Override
        public String type() {
            return "TestHappened";
        }

        @Override
        public Map<String, Object> detail() {
            return Map.of();
        }
    }

    /** Takes every event but those it is told to refuse; or fails outright while down. */
    static final class Bus implements EventBus {
        final List<List<OutboxEvent>> calls = new ArrayList<>();
        final List<OutboxEvent> taken = new ArrayList<>();
        Predicate<OutboxEvent> refuses = event -> false;
        boolean down;

        @Override
        public List<String> publish(List<OutboxEvent> events) {
            if (down) throw new IllegalStateException("bus unreachable");
            calls.add(List.copyOf(events));
            List<String> refused = new ArrayList<>();
            for (OutboxEvent event : events) {
                if (refuses.test(event)) refused.add(event.eventId());
                else taken.add(event);
            }
            return refused;
        }
    }

    private final MutableClock clock = MutableClock.at("2026-03-01T09:00:00Z");
    private final Ulids ids = new Ulids(clock);
    private final InMemoryTable table = new InMemoryTable();
    private final InMemoryTransactions transactions = new InMemoryTransactions(table, clock);
    private final Outbox outbox = new InMemoryOutbox(table);
    private final Bus bus = new Bus();
    private final RedrivingEvents redriving = new RedrivingEvents(bus, outbox, clock);

    @Test
    void everyUnpublishedEventGoesOutOnceOneEventPerCompanyPerCallEachCompanysInOrder() {
        List<String> acme = events("ACME", 12);
        List<String> globex = events("GLOBEX", 3);
        clock.advance(Duration.ofHours(1));

        Redrive redrive = redriving.redrive(() -> true);

        assertThat(redrive.done()).isTrue();
        assertThat(redrive.published()).isEqualTo(15);
        assertThat(bus.calls).allSatisfy(call -> assertThat(call.stream().map(OutboxEvent::companyId)).doesNotHaveDuplicates());
        assertThat(taken("ACME")).isEqualTo(acme);
        assertThat(taken("GLOBEX")).isEqualTo(globex);
        assertThat(redriving.redrive(() -> true).published()).as("a second run").isZero();
        assertThat(bus.taken).hasSize(15);
    }

    @Test
    void aRefusedEventHoldsBackItsCompanysLaterEventsUntilTheNextRunWhileOthersGoOn() {
        List<String> acme = events("ACME", 4);
        List<String> globex = events("GLOBEX", 4);
        clock.advance(Duration.ofHours(1));
        Set<String> refusedOnce = new HashSet<>();
        bus.refuses = event -> event.eventId().equals(acme.get(1)) && refusedOnce.add(event.eventId());

        Redrive first = redriving.redrive(() -> true);

        assertThat(first.published()).isEqualTo(5);
        assertThat(first.notPublished()).isEqualTo(3);
        assertThat(first.firstNotPublished()).extracting(OutboxEvent::eventId).containsExactly(acme.get(1), acme.get(2), acme.get(3));
        assertThat(first.complete()).isTrue();
        assertThat(first.done()).isFalse();
        assertThat(taken("GLOBEX")).isEqualTo(globex);

        Redrive second = redriving.redrive(() -> true);

        assertThat(second.done()).isTrue();
        assertThat(second.published()).isEqualTo(3);
        assertThat(taken("ACME")).isEqualTo(acme);
    }

    @Test
    void whenTheBusFailsTheRunStopsAndRecordsNothingPublished() {
        events("ACME", 2);
        clock.advance(Duration.ofHours(1));
        bus.down = true;

        Redrive redrive = redriving.redrive(() -> true);

        assertThat(redrive.complete()).isFalse();
        assertThat(redrive.stoppedBecause()).hasValueSatisfying(why -> assertThat(why).startsWith("the bus failed"));
        assertThat(redrive.published()).isZero();
        assertThat(redrive.notPublished()).isEqualTo(1);
        assertThat(outbox.unpublished(clock.instant()).next()).hasSize(2);
    }

    @Test
    void outOfTimeItStopsBeforeTheNextPage() {
        events("ACME", 150);
        clock.advance(Duration.ofHours(1));
        int[] pagesAllowed = {1};

        Redrive redrive = redriving.redrive(() -> pagesAllowed[0]-- > 0);

        assertThat(redrive.published()).isEqualTo(100);
        assertThat(redrive.complete()).isFalse();
        assertThat(redrive.stoppedBecause()).contains("out of time; run it again");
        assertThat(redriving.redrive(() -> true).published()).isEqualTo(50);
    }

    @Test
    void eventsOfTheLastFiveMinutesAreLeftToTheStream() {
        events("ACME", 1);
        clock.advance(RedrivingEvents.SETTLE);

        assertThat(redriving.redrive(() -> true).published()).isZero();

        clock.advance(Duration.ofMillis(1));
        assertThat(redriving.redrive(() -> true).published()).isEqualTo(1);
    }

    @Test
    void thePublisherRecordsPublishedWhatTheBusTookAndLeavesTheRefusedForTheRedrive() {
        List<String> acme = events("ACME", 3);
        List<OutboxEvent> batch = outbox.unpublished(clock.instant().plusSeconds(1)).next();
        bus.refuses = event -> event.eventId().equals(acme.get(1));

        List<String> refused = new PublishingEvents(bus, outbox, clock).publish(batch);

        assertThat(refused).containsExactly(acme.get(1));
        assertThat(outbox.unpublished(clock.instant().plusSeconds(1)).next()).extracting(OutboxEvent::eventId)
                .containsExactly(acme.get(1));
    }

    /** {@code n} events of the company, a second apart, committed as the use cases commit them. */
    private List<String> events(String companyId, int n) {
        List<String> eventIds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            clock.advance(Duration.ofSeconds(1));
            String eventId = ids.next();
            transactions.commit(List.of(new Publish(eventId, new Happened(companyId, clock.instant()))), Optional.empty());
            eventIds.add(eventId);
        }
        return eventIds;
    }

    private List<String> taken(String companyId) {
        return bus.taken.stream().filter(e -> e.companyId().equals(companyId)).map(OutboxEvent::eventId).toList();
    }
}

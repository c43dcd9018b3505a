package com.partnerchannel.licensing.contract;

import com.partnerchannel.licensing.common.Change;
import com.partnerchannel.licensing.common.DomainEvent;
import com.partnerchannel.licensing.common.Publish;
import com.partnerchannel.licensing.outbox.Outbox;
import com.partnerchannel.licensing.outbox.OutboxEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Outbox}: every committed event is unpublished until recorded published, however old; the
 * unpublished ones come page by page, each company's in the order they occurred; a repeat changes nothing;
 * the oldest unpublished one is found among all companies.
 */
public abstract class OutboxContract extends PortContract {
    record Happened(String companyId, Instant occurredAt, int n) implements DomainEvent {
        @Override
        public String type() {
            return "TestHappened";
        }

        @Override
        public Map<String, Object> detail() {
            return Map.of("n", n);
        }
    }

    @Test
    void committedEventsAreUnpublishedEachCompanysInTheOrderTheyOccurredAndOnlyThoseStrictlyBeforeTheMoment() {
        String first = eventOf("C1", 1);
        String second = eventOf("C2", 1);
        clock.advance(Duration.ofSeconds(1));
        String third = eventOf("C1", 2);
        clock.advance(Duration.ofSeconds(1));
        Instant before = clock.instant();
        eventOf("C1", 3);

        List<OutboxEvent> unpublished = all(ports.outbox().unpublished(before));

        assertThat(unpublished).extracting(OutboxEvent::eventId).containsExactlyInAnyOrder(first, second, third);
        assertThat(unpublished.stream().filter(e -> e.companyId().equals("C1")).map(OutboxEvent::eventId))
                .containsExactly(first, third);
        OutboxEvent read = unpublished.stream().filter(e -> e.eventId().equals(second)).findFirst().orElseThrow();
        assertThat(read.type()).isEqualTo("TestHappened");
        assertThat(read.detailJson()).isEqualTo("{\"n\":1}");
        assertThat(read.occurredAt()).isEqualTo(before.minusSeconds(2));
    }

    @Test
    void aPublishedEventLeavesTheUnpublishedOnesAndARepeatOrAnUnknownEventChangesNothing() {
        eventOf("C1", 1);
        eventOf("C1", 2);
        clock.advance(Duration.ofDays(30));
        List<OutboxEvent> before = all(ports.outbox().unpublished(clock.instant()));
        assertThat(before).as("a month on, still there").hasSize(2);

        ports.outbox().published(before.get(0), clock.instant());
        ports.outbox().published(before.get(0), clock.instant().plusSeconds(5));
        ports.outbox().published(new OutboxEvent("NOSUCHEVENT", "TestHappened", "C1", clock.instant(), "{}"), clock.instant());

        assertThat(all(ports.outbox().unpublished(clock.instant()))).containsExactly(before.get(1));
    }

    @Test
    void theOldestUnpublishedEventIsTheOldestOfAnyCompanyNotYetPublishedAndNoneOnceAllArePublished() {
        assertThat(ports.outbox().oldestUnpublished()).as("an empty outbox").isEmpty();
        Instant first = clock.instant();
        eventOf("C1", 1);
        clock.advance(Duration.ofMinutes(3));
        Instant second = clock.instant();
        for (int company = 2; company <= 40; company++) eventOf("C" + company, 1);
        clock.advance(Duration.ofHours(5));

        assertThat(ports.outbox().oldestUnpublished()).contains(first);

        List<OutboxEvent> waiting = all(ports.outbox().unpublished(clock.instant()));
        ports.outbox().published(waiting.stream().filter(e -> e.companyId().equals("C1")).findFirst().orElseThrow(),
                clock.instant());
        assertThat(ports.outbox().oldestUnpublished()).as("C1's event published").contains(second);

        waiting.forEach(event -> ports.outbox().published(event, clock.instant()));
        assertThat(ports.outbox().oldestUnpublished()).as("every event published").isEmpty();
    }

    @Test
    void manyEventsOfOneCompanyComeInPagesInOrderNoneMissing() {
        List<String> committed = new ArrayList<>();
        for (int batch = 0; batch < 10; batch++) {
            List<Change> changes = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                clock.advance(Duration.ofMillis(1));
                String eventId = ids.next();
                committed.add(eventId);
                changes.add(new Publish(eventId, new Happened("C1", clock.instant(), batch * 25 + i)));
            }
            ports.transactions().commit(changes, Optional.empty());
        }
        clock.advance(Duration.ofSeconds(1));

        List<List<OutboxEvent>> pages = new ArrayList<>();
        ports.outbox().unpublished(clock.instant()).forEachRemaining(pages::add);

        assertThat(pages.size()).as("pages").isGreaterThan(1);
        assertThat(pages.stream().flatMap(List::stream).map(OutboxEvent::eventId).toList()).isEqualTo(committed);
    }

    private String eventOf(String companyId, int n) {
        String eventId = ids.next();
        commit(new Publish(eventId, new Happened(companyId, clock.instant(), n)));
        return eventId;
    }

    private static List<OutboxEvent> all(Iterator<List<OutboxEvent>> pages) {
        List<OutboxEvent> events = new ArrayList<>();
        pages.forEachRemaining(events::addAll);
        return events;
    }
}

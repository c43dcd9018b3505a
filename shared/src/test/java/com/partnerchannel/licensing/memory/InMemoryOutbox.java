package com.partnerchannel.licensing.memory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerchannel.licensing.common.Publish;
import com.partnerchannel.licensing.outbox.Outbox;
import com.partnerchannel.licensing.outbox.OutboxEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * {@link Outbox} on an {@link InMemoryTable}: the events not yet published, each company's in the order they
 * occurred, in pages of {@value #PAGE} as the index is read.
 */
public final class InMemoryOutbox implements Outbox {
    static final int PAGE = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InMemoryTable table;

    public InMemoryOutbox(InMemoryTable table) {
        this.table = table;
    }

    @Override
    public Iterator<List<OutboxEvent>> unpublished(Instant before) {
        List<OutboxEvent> events = new ArrayList<>();
        synchronized (table) {
            table.outbox.forEach((key, publish) -> {
                if (!table.published.containsKey(key) && publish.event().occurredAt().isBefore(before)) {
                    events.add(event(publish));
                }
            });
        }
        events.sort(Comparator.comparing(OutboxEvent::companyId).thenComparing(OutboxEvent::occurredAt)
                .thenComparing(OutboxEvent::eventId));
        List<List<OutboxEvent>> pages = new ArrayList<>();
        for (int from = 0; from < events.size(); from += PAGE) {
            pages.add(List.copyOf(events.subList(from, Math.min(events.size(), from + PAGE))));
        }
        return pages.iterator();
    }

    @Override
    public Optional<Instant> oldestUnpublished() {
        synchronized (table) {
            return table.outbox.entrySet().stream().filter(entry -> !table.published.containsKey(entry.getKey()))
                    .map(entry -> entry.getValue().event().occurredAt()).min(Comparator.naturalOrder());
        }
    }

    @Override
    public void published(OutboxEvent event, Instant at) {
        String key = event.companyId() + "#" + event.eventId();
        synchronized (table) {
            if (table.outbox.containsKey(key)) table.published.putIfAbsent(key, at);
        }
    }

    private static OutboxEvent event(Publish publish) {
        try {
            return new OutboxEvent(publish.eventId(), publish.event().type(), publish.event().companyId(),
                    publish.event().occurredAt(), JSON.writeValueAsString(publish.event().detail()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

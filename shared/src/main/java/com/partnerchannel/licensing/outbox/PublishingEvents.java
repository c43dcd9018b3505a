package com.partnerchannel.licensing.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Moves outbox events to the bus and records, on each, that the bus took it; one the bus refused stays
 * unpublished for the redrive. The stream delivers at least once and so does this: consumers recognise a
 * repeat by {@code eventId}.
 */
public final class PublishingEvents {
    private final EventBus bus;
    private final Outbox outbox;
    private final Clock clock;

    public PublishingEvents(EventBus bus, Outbox outbox, Clock clock) {
        this.bus = bus;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The ids of the events that were not published. */
    public List<String> publish(List<OutboxEvent> events) {
        if (events.isEmpty()) return List.of();
        List<String> refused = bus.publish(events);
        Set<String> notPublished = Set.copyOf(refused);
        Instant now = clock.instant();
        for (OutboxEvent event : events) {
            if (!notPublished.contains(event.eventId())) outbox.published(event, now);
        }
        return refused;
    }
}

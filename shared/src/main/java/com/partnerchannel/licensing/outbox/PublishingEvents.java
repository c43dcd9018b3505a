package com.partnerchannel.licensing.outbox;

import java.util.List;

/**
 * Moves outbox events to the bus. The stream delivers at least once and so does this: consumers
 * recognise a repeat by {@code eventId}.
 */
public final class PublishingEvents {
    private final EventBus bus;

    public PublishingEvents(EventBus bus) {
        this.bus = bus;
    }

    /** The ids of the events that were not published. */
    public List<String> publish(List<OutboxEvent> events) {
        if (events.isEmpty()) return List.of();
        return bus.publish(events);
    }
}

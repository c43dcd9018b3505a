package com.partnerchannel.licensing.common;

import java.time.Instant;
import java.util.Map;

/** Something that happened that others must hear about. Written as an outbox item with the change. */
public interface DomainEvent {
    String type();

    String companyId();

    Instant occurredAt();

    /** The event's detail as plain values (strings, numbers, lists, maps), as it goes on the bus. */
    Map<String, Object> detail();
}

package com.partnerchannel.licensing.outbox;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The outbox as the publisher and the redrive see it: whether each committed event reached the bus. An
 * event is unpublished from its commit until the bus took it, however long that takes.
 */
public interface Outbox {
    /**
     * The events not yet on the bus that occurred before {@code before}, page by page: each company's
     * in the order they occurred (companies interleave). One pass: an event recorded published meanwhile
     * may still come.
     */
    Iterator<List<OutboxEvent>> unpublished(Instant before);

    /** When the oldest event not yet on the bus occurred (of any company); none when every event is on it. */
    Optional<Instant> oldestUnpublished();

    /** The bus took the event: it leaves the unpublished ones, and the outbox keeps it a week more. A repeat changes nothing. */
    void published(OutboxEvent event, Instant at);
}

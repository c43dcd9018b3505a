package com.partnerchannel.licensing.outbox;

import java.util.List;
import java.util.Optional;

/**
 * What one redrive did: the events it published; those it read but did not publish (refused by the bus,
 * or held back behind an earlier refused event of their company), with the first few; and whether it
 * read every unpublished event, and if not, why it stopped. Run it again until it is {@link #done}.
 */
public record Redrive(int published, int notPublished, List<OutboxEvent> firstNotPublished, boolean complete,
                      Optional<String> stoppedBecause) {
    /** How many of the events not published the answer names. */
    public static final int SHOWN = 20;

    public Redrive {
        firstNotPublished = List.copyOf(firstNotPublished);
    }

    /** Nothing is left to publish (of what had settled when it began). */
    public boolean done() {
        return complete && notPublished == 0;
    }
}

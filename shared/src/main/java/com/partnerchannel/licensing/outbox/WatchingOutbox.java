package com.partnerchannel.licensing.outbox;

import java.time.Clock;
import java.time.Duration;

/**
 * How far behind the outbox is: the age of the oldest committed event the bus has not taken. The publisher
 * takes each event within seconds of its commit, so an age of minutes means it is failing or not invoked
 * at all (a stream mapping disabled reports no IteratorAge), and the redrive is needed once it is fixed.
 */
public final class WatchingOutbox {
    private final Outbox outbox;
    private final Clock clock;

    public WatchingOutbox(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Zero when every event is on the bus (or the oldest is stamped a moment ahead of this clock). */
    public Duration oldestUnpublishedAge() {
        return outbox.oldestUnpublished().map(occurredAt -> Duration.between(occurredAt, clock.instant()))
                .filter(age -> !age.isNegative()).orElse(Duration.ZERO);
    }
}

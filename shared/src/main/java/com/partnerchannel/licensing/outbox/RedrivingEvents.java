package com.partnerchannel.licensing.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Republishes the outbox events the publisher gave up on (a bus down for hours, a bug): every unpublished
 * event committed before the last few minutes, each company's in the order they occurred, each recorded
 * published once the bus took it. A call carries one event per company, and a company whose event the
 * bus refuses has its later events held back until the next run, so none overtakes another. Stops, to be
 * run again, when the bus fails (an error rather than refused events) or time runs out.
 */
public final class RedrivingEvents {
    /** Younger events are left to the stream, which may be publishing them now. */
    public static final Duration SETTLE = Duration.ofMinutes(5);
    /** Events per PutEvents call (its limit), each of another company. */
    static final int PER_CALL = 10;

    private final EventBus bus;
    private final Outbox outbox;
    private final Clock clock;

    public RedrivingEvents(EventBus bus, Outbox outbox, Clock clock) {
        this.bus = bus;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** {@code timeLeft} is asked before each page (a Lambda invocation has 15 minutes at most). */
    public Redrive redrive(BooleanSupplier timeLeft) {
        Run run = new Run();
        Iterator<List<OutboxEvent>> pages = outbox.unpublished(clock.instant().minus(SETTLE));
        while (pages.hasNext()) {
            if (!timeLeft.getAsBoolean()) return run.stopped("out of time; run it again");
            List<OutboxEvent> waiting = new ArrayList<>(pages.next());
            while (!waiting.isEmpty()) {
                List<OutboxEvent> call = nextCall(waiting, run);
                if (call.isEmpty()) continue;
                Set<String> refused;
                try {
                    refused = Set.copyOf(bus.publish(call));
                } catch (RuntimeException busFailed) {
                    call.forEach(run::notPublished);
                    return run.stopped("the bus failed: " + busFailed);
                }
                Instant now = clock.instant();
                for (OutboxEvent event : call) {
                    if (refused.contains(event.eventId())) {
                        run.notPublished(event);
                        run.heldBack.add(event.companyId());
                    } else {
                        outbox.published(event, now);
                        run.published++;
                    }
                }
            }
        }
        return run.finished();
    }

    /**
     * Takes from {@code waiting} the next call: the oldest waiting event of each company, up to
     * {@value #PER_CALL} companies, so a refused event can never have been overtaken by its company's
     * next one. The events of companies held back are taken out as not published.
     */
    private static List<OutboxEvent> nextCall(List<OutboxEvent> waiting, Run run) {
        List<OutboxEvent> call = new ArrayList<>();
        Set<String> companies = new HashSet<>();
        for (Iterator<OutboxEvent> it = waiting.iterator(); it.hasNext() && call.size() < PER_CALL; ) {
            OutboxEvent event = it.next();
            if (run.heldBack.contains(event.companyId())) {
                run.notPublished(event);
                it.remove();
            } else if (companies.add(event.companyId())) {
                call.add(event);
                it.remove();
            }
        }
        return call;
    }

    private static final class Run {
        final Set<String> heldBack = new HashSet<>();
        final List<OutboxEvent> firstNotPublished = new ArrayList<>();
        int notPublished;
        int published;

        void notPublished(OutboxEvent event) {
            notPublished++;
            if (firstNotPublished.size() < Redrive.SHOWN) firstNotPublished.add(event);
        }

        Redrive stopped(String why) {
            return new Redrive(published, notPublished, firstNotPublished, false, Optional.of(why));
        }

        Redrive finished() {
            return new Redrive(published, notPublished, firstNotPublished, true, Optional.empty());
        }
    }
}

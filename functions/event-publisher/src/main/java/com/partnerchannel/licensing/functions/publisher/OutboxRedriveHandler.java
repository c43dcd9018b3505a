package com.partnerchannel.licensing.functions.publisher;

import com.partnerchannel.licensing.observability.Invocation;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.partnerchannel.licensing.config.EventPublishing;
import com.partnerchannel.licensing.outbox.Redrive;
import com.partnerchannel.licensing.outbox.RedrivingEvents;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The outbox redrive, invoked by hand (docs/operations.md, "Redrive"; no event source): publishes every
 * outbox event the publisher gave up on, each company's in order, and answers what it did. The input is
 * ignored ({@code {}}). It stops a minute before the invocation's time is up; invoke it again until it
 * answers {@code "done": true}.
 */
public final class OutboxRedriveHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    /** Time kept for the last page of events (ten PutEvents calls and a hundred updates) and the answer. */
    static final long MARGIN_MILLIS = 60_000;

    private final RedrivingEvents redriving;

    public OutboxRedriveHandler() {
        this(EventPublishing.redrivingFromEnvironment());
    }

    public OutboxRedriveHandler(RedrivingEvents redriving) {
        this.redriving = redriving;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        return Invocation.ofEvent(context, "Outbox redrive").run(invocation -> redrive(context, invocation));
    }

    private Map<String, Object> redrive(Context context, Invocation invocation) {
        BooleanSupplier timeLeft = context == null ? () -> true : () -> context.getRemainingTimeInMillis() > MARGIN_MILLIS;
        Redrive redrive = redriving.redrive(timeLeft);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("done", redrive.done());
        answer.put("published", redrive.published());
        answer.put("notPublished", redrive.notPublished());
        // What the on-call engineer needs to read one with get-item: its keys' ids.
        answer.put("firstNotPublished", redrive.firstNotPublished().stream().map(event -> Map.of(
                "eventId", event.eventId(), "companyId", event.companyId(), "type", event.type(),
                "occurredAt", event.occurredAt().toString())).toList());
        answer.put("complete", redrive.complete());
        redrive.stoppedBecause().ifPresent(why -> answer.put("stoppedBecause", why));
        answer.forEach(invocation::closing);
        return answer;
    }
}

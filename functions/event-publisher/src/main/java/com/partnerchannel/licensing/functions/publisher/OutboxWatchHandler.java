package com.partnerchannel.licensing.functions.publisher;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.partnerchannel.licensing.config.EventPublishing;
import com.partnerchannel.licensing.observability.Invocation;
import com.partnerchannel.licensing.observability.Metrics;
import com.partnerchannel.licensing.outbox.WatchingOutbox;

import java.time.Duration;
import java.util.Map;

/**
 * The outbox watch, every minute on its schedule: how old the oldest outbox event not yet on the bus is, as
 * the metric {@value Metrics#OLDEST_UNPUBLISHED_OUTBOX_AGE_SECONDS} (0 when none waits), which
 * {@code OutboxUnpublishedAlarm} watches (docs/operations.md, Outbox events unpublished).
 */
public final class OutboxWatchHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final WatchingOutbox watching;

    public OutboxWatchHandler() {
        this(EventPublishing.watchingFromEnvironment());
    }

    public OutboxWatchHandler(WatchingOutbox watching) {
        this.watching = watching;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> scheduledEvent, Context context) {
        return Invocation.ofAwsEvent(context, scheduledEvent).run(invocation -> {
            Duration age = watching.oldestUnpublishedAge();
            Metrics.seconds(Metrics.OLDEST_UNPUBLISHED_OUTBOX_AGE_SECONDS, age.toSeconds());
            invocation.closing("oldestUnpublishedAgeSeconds", age.toSeconds());
            return Map.of("oldestUnpublishedAgeSeconds", age.toSeconds());
        });
    }
}

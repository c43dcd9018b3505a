package com.partnerchannel.licensing.functions.notifier;

import com.partnerchannel.licensing.observability.Metrics;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.partnerchannel.licensing.config.Notifications;
import com.partnerchannel.licensing.notification.application.Notified;
import com.partnerchannel.licensing.notification.application.Notifying;
import com.partnerchannel.licensing.observability.Invocation;
import com.partnerchannel.licensing.outbox.BusEvent;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bus rules' target: one EventBridge event ({@code detail-type} the event type, {@code detail} with
 * its {@code eventId}) in, its emails out. A failed send fails the invocation, so EventBridge retries it
 * and, after the last retry, puts it in the rule's dead-letter queue.
 */
public final class NotifierHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final Notifying notifying;

    public NotifierHandler() {
        this(Notifications.fromEnvironment());
    }

    public NotifierHandler(Notifying notifying) {
        this.notifying = notifying;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        BusEvent busEvent = BusEvent.fromEventBridge(event);
        return Invocation.ofBusEvent(context, busEvent).run(invocation -> {
            Notified notified;
            try {
                notified = notifying.notify(busEvent);
            } catch (RuntimeException e) {
                Metrics.count(Metrics.EMAILS_FAILED, 1);
                throw e;
            }
            Metrics.count(Metrics.EMAILS_SENT, notified.sent().size());
            // Counts only: the recipients are email addresses.
            invocation.closing("sent", notified.sent().size())
                    .closing("sentBefore", notified.sentBefore().size())
                    .closing("inDoubt", notified.inDoubt().size())
                    .closing("undeliverable", notified.undeliverable().size());
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("eventId", notified.eventId());
            answer.put("sent", notified.sent());
            answer.put("sentBefore", notified.sentBefore());
            answer.put("inDoubt", notified.inDoubt());
            answer.put("undeliverable", notified.undeliverable());
            return answer;
        });
    }
}

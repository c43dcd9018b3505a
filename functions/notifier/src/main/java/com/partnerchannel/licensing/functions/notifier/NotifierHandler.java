package com.partnerchannel.licensing.functions.notifier;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.partnerchannel.licensing.config.Notifications;
import com.partnerchannel.licensing.notification.application.Notified;
import com.partnerchannel.licensing.notification.application.Notifying;
import com.partnerchannel.licensing.notification.model.BusEvent;

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
    @SuppressWarnings("unchecked")
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Object type = event.get("detail-type");
        if (!(event.get("detail") instanceof Map<?, ?> detail) || type == null) {
            throw new IllegalArgumentException("not an EventBridge event: " + event.keySet());
        }
        Map<String, Object> fields = (Map<String, Object>) detail;
        BusEvent busEvent = new BusEvent(String.valueOf(fields.get("eventId")), type.toString(),
                String.valueOf(fields.get("companyId")), fields);
        Notified notified = notifying.notify(busEvent);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("eventId", notified.eventId());
        answer.put("sent", notified.sent());
        answer.put("sentBefore", notified.sentBefore());
        answer.put("inDoubt", notified.inDoubt());
        return answer;
    }
}

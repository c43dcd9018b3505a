package com.partnerchannel.licensing.functions.notifier;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.partnerchannel.licensing.config.Notifications;
import com.partnerchannel.licensing.notification.application.RecordingUndeliverableAddresses;
import com.partnerchannel.licensing.notification.model.UndeliverableAddress;
import com.partnerchannel.licensing.observability.Invocation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The licensing bus's rule for SES feedback ({@code source} aws.ses: a bounce or a complaint of one of
 * our emails, forwarded from the default bus): records each address that hard-bounced or complained, so
 * the notifier sends it nothing more. A failure fails the invocation, so EventBridge retries it and,
 * after the last retry, puts it in the rule's dead-letter queue.
 */
public final class EmailFeedbackHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final RecordingUndeliverableAddresses recording;

    public EmailFeedbackHandler() {
        this(Notifications.recordingUndeliverableAddressesFromEnvironment());
    }

    public EmailFeedbackHandler(RecordingUndeliverableAddresses recording) {
        this.recording = recording;
    }

    /** Answers (and logs) the count of addresses recorded per reason, never the addresses: no email in logs. */
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return Invocation.ofAwsEvent(context, event).run(invocation -> {
            List<UndeliverableAddress> recorded = recording.record(SesFeedbackEvents.undeliverable(event));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("feedback", String.valueOf(event.get("detail-type")));
            answer.put("hardBounces", recorded.stream().filter(a -> a.reason() == UndeliverableAddress.Reason.HARD_BOUNCE).count());
            answer.put("complaints", recorded.stream().filter(a -> a.reason() == UndeliverableAddress.Reason.COMPLAINT).count());
            invocation.closing("hardBounces", answer.get("hardBounces")).closing("complaints", answer.get("complaints"));
            return answer;
        });
    }
}

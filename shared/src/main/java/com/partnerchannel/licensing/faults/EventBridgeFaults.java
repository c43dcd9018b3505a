package com.partnerchannel.licensing.faults;

import com.partnerchannel.licensing.faults.Faults.Fault;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Makes a real EventBridge client meet what the bus does under load: a whole PutEvents attempt throttled
 * ({@code ThrottlingException}, retried by the SDK), or some entries of a call not taken. A failed entry
 * is taken out of the request before it is sent, so the bus never sees it, and put back into the answer
 * at its place with {@code ErrorCode} {@code InternalFailure} and the {@code FailedEntryCount} raised, as
 * PutEvents answers an entry it did not take. At least one entry of each call goes through (PutEvents
 * takes no empty list).
 */
public final class EventBridgeFaults extends FaultInjector {
    private static final ExecutionAttribute<Set<Integer>> FAILED = new ExecutionAttribute<>("EventBridgeFaults.failed");

    public EventBridgeFaults(Faults faults) {
        super(faults, 0xEBL);
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        if (!isOn() || !(context.request() instanceof PutEventsRequest request) || !request.hasEntries()) {
            return context.request();
        }
        Set<Integer> failed = new TreeSet<>();
        synchronized (random) {
            for (int i = 0; i < request.entries().size(); i++) {
                if (draw(Fault.EVENTBRIDGE_FAILED_ENTRY)) failed.add(i);
            }
        }
        if (failed.size() == request.entries().size()) failed.remove(request.entries().size() - 1);
        if (failed.isEmpty()) return request;
        count(failed.size());
        attributes.putAttribute(FAILED, failed);
        List<PutEventsRequestEntry> sent = new ArrayList<>();
        for (int i = 0; i < request.entries().size(); i++) if (!failed.contains(i)) sent.add(request.entries().get(i));
        return request.toBuilder().entries(sent).build();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (!isOn() || !"PutEvents".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) return;
        boolean throttle;
        synchronized (random) {
            throttle = draw(Fault.EVENTBRIDGE_THROTTLE);
        }
        if (throttle) {
            count(1);
            String message = "Rate exceeded";
            throw EventBridgeException.builder().message(message)
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException").errorMessage(message)
                            .serviceName("EventBridge").sdkHttpResponse(SdkHttpResponse.builder().statusCode(400).build()).build())
                    .statusCode(400).build();
        }
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        Set<Integer> failed = attributes.getAttribute(FAILED);
        if (failed == null || !(context.response() instanceof PutEventsResponse response)) return context.response();
        int total = failed.size() + response.entries().size();
        List<PutEventsResultEntry> entries = new ArrayList<>();
        Iterator<PutEventsResultEntry> taken = response.entries().iterator();
        for (int i = 0; i < total; i++) {
            entries.add(failed.contains(i)
                    ? PutEventsResultEntry.builder().errorCode("InternalFailure").errorMessage("injected: the entry was not taken").build()
                    : taken.next());
        }
        int failedBefore = response.failedEntryCount() == null ? 0 : response.failedEntryCount();
        return response.toBuilder().entries(entries).failedEntryCount(failedBefore + failed.size()).build();
    }
}

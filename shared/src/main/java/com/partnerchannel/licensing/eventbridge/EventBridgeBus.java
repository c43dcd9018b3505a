package com.partnerchannel.licensing.eventbridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.partnerchannel.licensing.outbox.EventBus;
import com.partnerchannel.licensing.outbox.OutboxEvent;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

import java.util.ArrayList;
import java.util.List;

/**
 * The EventBridge bus: {@code source} {@value #SOURCE}, {@code detail-type} the event's type, and the
 * detail with {@code eventId}, {@code companyId} and {@code occurredAt} added, so that consumers can
 * recognise a repeat.
 */
public final class EventBridgeBus implements EventBus {
    public static final String SOURCE = "partnerchannel.licensing";
    /** PutEvents takes at most 10 entries. */
    private static final int BATCH = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventBridgeClient eventBridge;
    private final String busName;

    public EventBridgeBus(EventBridgeClient eventBridge, String busName) {
        this.eventBridge = eventBridge;
        this.busName = busName;
    }

    @Override
    public List<String> publish(List<OutboxEvent> events) {
        List<String> failed = new ArrayList<>();
        for (int from = 0; from < events.size(); from += BATCH) {
            List<OutboxEvent> batch = events.subList(from, Math.min(events.size(), from + BATCH));
            List<PutEventsRequestEntry> entries = batch.stream().map(this::entry).toList();
            PutEventsResponse response = eventBridge.putEvents(r -> r.entries(entries));
            if (response.failedEntryCount() == null || response.failedEntryCount() == 0) continue;
            List<PutEventsResultEntry> results = response.entries();
            for (int i = 0; i < batch.size(); i++) {
                if (i >= results.size() || results.get(i).errorCode() != null) failed.add(batch.get(i).eventId());
            }
        }
        return failed;
    }

    private PutEventsRequestEntry entry(OutboxEvent event) {
        return PutEventsRequestEntry.builder()
                .eventBusName(busName)
                .source(SOURCE)
                .detailType(event.type())
                .time(event.occurredAt())
                .detail(detail(event))
                .build();
    }

    static String detail(OutboxEvent event) {
        try {
            ObjectNode detail = JSON.createObjectNode();
            detail.put("eventId", event.eventId());
            detail.put("companyId", event.companyId());
            detail.put("occurredAt", event.occurredAt().toString());
            detail.setAll((ObjectNode) JSON.readTree(event.detailJson()));
            return JSON.writeValueAsString(detail);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalArgumentException("event " + event.eventId() + " has no JSON object as detail", e);
        }
    }
}

package com.partnerchannel.licensing.eventbridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.partnerchannel.licensing.aws.AwsCalls;
import com.partnerchannel.licensing.outbox.EventBus;
import com.partnerchannel.licensing.outbox.OutboxEvent;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The EventBridge bus: {@code source} {@value #SOURCE}, {@code detail-type} the event's type, and the
 * detail with {@code eventId}, {@code companyId} and {@code occurredAt} added, so that consumers can
 * recognise a repeat. PutEvents goes through {@link AwsCalls} (AWS JSON 1.1, {@code X-Amz-Target: AWSEvents.PutEvents}),
 * not the generated EventBridge client, which would add 1.8 MB to the publisher's jar.
 */
public final class EventBridgeBus implements EventBus {
    public static final String SOURCE = "partnerchannel.licensing";
    /** PutEvents takes at most 10 entries. */
    private static final int BATCH = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String TARGET = "AWSEvents.PutEvents";
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    private final AwsCalls eventBridge;
    private final String busName;

    public EventBridgeBus(AwsCalls eventBridge, String busName) {
        this.eventBridge = eventBridge;
        this.busName = busName;
    }

    @Override
    public List<String> publish(List<OutboxEvent> events) {
        List<String> failed = new ArrayList<>();
        for (int from = 0; from < events.size(); from += BATCH) {
            List<OutboxEvent> batch = events.subList(from, Math.min(events.size(), from + BATCH));
            failed.addAll(notTaken(batch, eventBridge.call(putEvents(batch)).json()));
        }
        return failed;
    }

    /** The events of the batch the answer says were not taken: each entry with an {@code ErrorCode}, at its place. */
    private static List<String> notTaken(List<OutboxEvent> batch, JsonNode response) {
        if (response.path("FailedEntryCount").asInt(0) == 0) return List.of();
        List<String> failed = new ArrayList<>();
        JsonNode results = response.path("Entries");
        for (int i = 0; i < batch.size(); i++) {
            if (i >= results.size() || results.get(i).hasNonNull("ErrorCode")) failed.add(batch.get(i).eventId());
        }
        return failed;
    }

    /** SnapStart priming: a PutEvents of one sample event signed and its answer read, nothing sent. */
    public void prime() {
        List<OutboxEvent> sample = List.of(new OutboxEvent("PRIMING", "Priming", "PRIMING", java.time.Instant.EPOCH, "{}"));
        notTaken(sample, eventBridge.prime(putEvents(sample),
                "{\"FailedEntryCount\":1,\"Entries\":[{\"ErrorCode\":\"InternalFailure\",\"ErrorMessage\":\"priming\"}]}"));
    }

    /** The request as the EventBridge API reference gives it: the entries, {@code Time} in epoch seconds. */
    AwsCalls.Call putEvents(List<OutboxEvent> batch) {
        ObjectNode request = JSON.createObjectNode();
        ArrayNode entries = request.putArray("Entries");
        for (OutboxEvent event : batch) {
            ObjectNode entry = entries.addObject();
            entry.put("Time", BigDecimal.valueOf(event.occurredAt().toEpochMilli(), 3));
            entry.put("Source", SOURCE);
            entry.put("DetailType", event.type());
            entry.put("Detail", detail(event));
            entry.put("EventBusName", busName);
        }
        try {
            return AwsCalls.Call.json("PutEvents", "/", CONTENT_TYPE, Map.of("X-Amz-Target", TARGET), JSON.writeValueAsBytes(request));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String detail(OutboxEvent event) {
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

package com.partnerchannel.licensing.functions.publisher;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.partnerchannel.licensing.config.EventPublishing;
import com.partnerchannel.licensing.dynamodb.OutboxStream;
import com.partnerchannel.licensing.outbox.OutboxEvent;
import com.partnerchannel.licensing.outbox.PublishingEvents;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The table stream's consumer: publishes the outbox events (inserted {@code EVENT#} items) of a batch
 * to the bus. Records that are not outbox events are passed over; an outbox item that cannot be read
 * never will be, so it is logged and passed over too. Each event the bus took is recorded published on
 * its outbox item. When the bus refuses an event, the batch answers that record as its first failure:
 * Lambda retries from there (records before it are done). An event still refused after Lambda's last
 * retry stays unpublished in the table, for {@link OutboxRedriveHandler}.
 */
public final class EventPublisherHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final PublishingEvents publishing;

    public EventPublisherHandler() {
        this(EventPublishing.publishingFromEnvironment());
    }

    public EventPublisherHandler(PublishingEvents publishing) {
        this.publishing = publishing;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent batch, Context context) {
        Map<String, String> sequenceByEvent = new LinkedHashMap<>();
        List<OutboxEvent> events = new ArrayList<>();
        for (DynamodbEvent.DynamodbStreamRecord record : batch.getRecords()) {
            Optional<OutboxEvent> event;
            try {
                event = OutboxStream.event(record);
            } catch (RuntimeException unreadable) {
                System.err.println("passing over an unreadable outbox record " + record.getEventID() + ": " + unreadable);
                continue;
            }
            event.ifPresent(e -> {
                events.add(e);
                sequenceByEvent.put(e.eventId(), record.getDynamodb().getSequenceNumber());
            });
        }
        List<String> failed;
        try {
            failed = publishing.publish(events);
        } catch (RuntimeException e) {
            // The bus did not answer, or the table did not record what it took: retry the whole batch.
            System.err.println("publishing " + events.size() + " events failed: " + e);
            failed = events.stream().map(OutboxEvent::eventId).toList();
        }
        List<StreamsEventResponse.BatchItemFailure> failures = failed.stream().findFirst()
                .map(id -> List.of(StreamsEventResponse.BatchItemFailure.builder()
                        .withItemIdentifier(sequenceByEvent.get(id)).build()))
                .orElse(List.of());
        if (!failures.isEmpty()) System.err.println("not published: " + failed);
        return StreamsEventResponse.builder().withBatchItemFailures(failures).build();
    }
}

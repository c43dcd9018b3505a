package com.partnerchannel.licensing.functions.publisher;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.partnerchannel.licensing.config.EventPublishing;
import com.partnerchannel.licensing.dynamodb.OutboxStream;
import com.partnerchannel.licensing.outbox.OutboxEvent;
import com.partnerchannel.licensing.observability.Invocation;
import com.partnerchannel.licensing.outbox.PublishingEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private static final Logger LOG = LoggerFactory.getLogger(EventPublisherHandler.class);
    private final PublishingEvents publishing;

    public EventPublisherHandler() {
        this(EventPublishing.publishingFromEnvironment());
    }

    public EventPublisherHandler(PublishingEvents publishing) {
        this.publishing = publishing;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent batch, Context context) {
        return Invocation.ofEvent(context, "DynamoDB stream batch").run(invocation -> publish(batch, invocation));
    }

    private StreamsEventResponse publish(DynamodbEvent batch, Invocation invocation) {
        Map<String, String> sequenceByEvent = new LinkedHashMap<>();
        List<OutboxEvent> events = new ArrayList<>();
        for (DynamodbEvent.DynamodbStreamRecord record : batch.getRecords()) {
            Optional<OutboxEvent> event;
            try {
                event = OutboxStream.event(record);
            } catch (RuntimeException unreadable) {
                LOG.atError().setCause(unreadable).addKeyValue("streamRecordId", record.getEventID())
                        .log("passing over an unreadable outbox record");
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
            LOG.atWarn().setCause(e).addKeyValue("events", events.size()).log("publishing failed; the batch is retried");
            failed = events.stream().map(OutboxEvent::eventId).toList();
        }
        List<StreamsEventResponse.BatchItemFailure> failures = failed.stream().findFirst()
                .map(id -> List.of(StreamsEventResponse.BatchItemFailure.builder()
                        .withItemIdentifier(sequenceByEvent.get(id)).build()))
                .orElse(List.of());
        if (!failures.isEmpty()) LOG.atWarn().addKeyValue("eventIds", failed).log("not published");
        invocation.closing("records", batch.getRecords().size()).closing("events", events.size())
                .closing("notPublished", failed.size())
                .closing("eventIds", events.stream().map(OutboxEvent::eventId).toList());
        return StreamsEventResponse.builder().withBatchItemFailures(failures).build();
    }
}

package com.partnerchannel.licensing.api;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerchannel.licensing.aws.AwsCalls;
import com.partnerchannel.licensing.config.EventPublishing;
import com.partnerchannel.licensing.functions.publisher.EventPublisherHandler;
import com.partnerchannel.licensing.functions.publisher.OutboxRedriveHandler;
import com.partnerchannel.licensing.testing.LocalDynamoDb;
import com.partnerchannel.licensing.testing.Loopback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bus fails for a simulated day: the publisher, fed the table's real stream records as Lambda feeds
 * them (each batch retried, then given up on, as the failure queue would get it), publishes nothing. Then
 * the bus recovers and the redrive, invoked as the on-call engineer invokes it, publishes what was lost,
 * through the real EventBridge client to a loopback endpoint that fails and recovers.
 */
class OutboxRedriveIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUS = "licensing-test-bus";
    /** Lambda's attempts at a stream batch before it gives up (the template says 10; 3 is enough to show it). */
    private static final int LAMBDA_ATTEMPTS = 3;

    /** An event as the bus took it. */
    record Taken(String eventId, String companyId, Instant occurredAt, String type) {
    }

    private final Tenants tenants = new Tenants();
    private final List<Taken> taken = new CopyOnWriteArrayList<>();
    private volatile boolean busDown;
    /** Entries the bus refuses one by one (an answer with an ErrorCode), while it is up. */
    private volatile Predicate<Taken> refused = event -> false;
    private final Loopback bus = new Loopback(this::answer);
    private final AwsCalls eventBridge = AwsCalls.builder(AwsCalls.Service.EVENTBRIDGE)
            .endpoint(bus.uri()).region(Region.US_EAST_1)
            .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            // Each failing call answered at once: the day's retries are Lambda's, below.
            .retries(AwsRetryStrategy.doNotRetry()).build();
    private final EventPublisherHandler publisher = new EventPublisherHandler(EventPublishing.publishing(
            eventBridge, BUS, tenants.licensing.dynamo, tenants.table, tenants.clock));
    private final OutboxRedriveHandler redrive = new OutboxRedriveHandler(EventPublishing.redriving(
            eventBridge, BUS, tenants.licensing.dynamo, tenants.table, tenants.clock));
    private final Set<String> delivered = new HashSet<>();

    @AfterEach
    void stop() {
        bus.close();
    }

    @Test
    void afterADayWithTheBusDownTheRedrivePublishesEveryCommittedEventOnceInOrderPerCompany() {
        Tenants.Tenant msp = tenants.anMspUnder(tenants.aDistributor());
        List<Tenants.Tenant> customers = List.of(tenants.aCustomerUnder(msp), tenants.aCustomerUnder(msp),
                tenants.aCustomerUnder(msp));
        tenants.anOrderFor(customers.get(0), 5);
        deliverTheStream();
        assertThat(taken).as("before the outage, the stream publishes").hasSize(1);

        busDown = true;
        Instant outageBegan = tenants.clock.instant();
        for (int hour = 0; hour < 24; hour++) {
            tenants.clock.advance(Duration.ofHours(1));
            for (Tenants.Tenant customer : customers) {
                String orderId = tenants.anOrderFor(customer, hour + 1);
                if (hour % 6 == 0) {
                    // A moment later: each company's events occur one after the other.
                    tenants.clock.advance(Duration.ofSeconds(1));
                    assign(msp, orderId);
                }
            }
            deliverTheStream();
        }
        List<Map<String, AttributeValue>> lost = outboxItems().stream()
                .filter(item -> Instant.parse(item.get("occurredAt").s()).isAfter(outageBegan)).toList();
        assertThat(lost).hasSize(24 * 3 + 4 * 3);
        assertThat(taken).as("nothing reached the bus during the outage").hasSize(1);
        assertThat(lost).as("unpublished, indexed for the redrive, and kept however long it takes").allSatisfy(item -> {
            assertThat(item).containsKey("GSI6PK").doesNotContainKeys("ttl", "publishedAt");
        });

        busDown = false;
        tenants.clock.advance(Duration.ofHours(1));
        Map<String, Object> answer = redrive.handleRequest(Map.of(), null);

        assertThat(answer).containsEntry("done", true).containsEntry("published", lost.size())
                .containsEntry("notPublished", 0).containsEntry("complete", true);
        // After the recovery, the stream publishes again, after the redriven events.
        tenants.anOrderFor(customers.get(1), 99);
        deliverTheStream();
        assertEveryCommittedEventWasTakenOnceInOrderPerCompany();
        assertThat(outboxItems()).as("published: out of the index, expiring a week after publishing").allSatisfy(item -> {
            assertThat(item).doesNotContainKeys("GSI6PK", "GSI6SK");
            assertThat(Long.parseLong(item.get("ttl").n())).isEqualTo(
                    Instant.parse(item.get("publishedAt").s()).plus(Duration.ofDays(7)).getEpochSecond());
        });
        assertThat(redrive.handleRequest(Map.of(), null)).as("a second redrive finds nothing")
                .containsEntry("done", true).containsEntry("published", 0);
        assertThat(taken).hasSize(outboxItems().size());
    }

    @Test
    void anEventTheBusRefusesHoldsBackItsCompanysLaterEventsUntilTheNextRunAndOthersGoOn() {
        Tenants.Tenant msp = tenants.anMspUnder(tenants.aDistributor());
        Tenants.Tenant first = tenants.aCustomerUnder(msp);
        Tenants.Tenant second = tenants.aCustomerUnder(msp);
        busDown = true;
        for (int i = 1; i <= 4; i++) {
            tenants.clock.advance(Duration.ofMinutes(10));
            tenants.anOrderFor(first, i);
            tenants.anOrderFor(second, i);
        }
        deliverTheStream();
        List<Map<String, AttributeValue>> firstsEvents = outboxItems().stream()
                .filter(item -> item.get("companyId").s().equals(first.companyId()))
                .sorted(java.util.Comparator.comparing(item -> item.get("occurredAt").s())).toList();
        String refusedOnce = firstsEvents.get(1).get("eventId").s();
        Set<String> refusals = new HashSet<>();
        refused = event -> event.eventId().equals(refusedOnce) && refusals.add(event.eventId());
        busDown = false;
        tenants.clock.advance(Duration.ofHours(1));

        Map<String, Object> firstRun = redrive.handleRequest(Map.of(), null);

        assertThat(firstRun).containsEntry("done", false).containsEntry("complete", true)
                .containsEntry("published", 4 + 1).containsEntry("notPublished", 3);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> notPublished = (List<Map<String, Object>>) firstRun.get("firstNotPublished");
        assertThat(notPublished).extracting(event -> event.get("eventId"))
                .containsExactly(refusedOnce, firstsEvents.get(2).get("eventId").s(), firstsEvents.get(3).get("eventId").s());
        assertThat(notPublished).allSatisfy(event ->
                assertThat(event).containsEntry("companyId", first.companyId()).containsEntry("type", "OrderRequested"));

        Map<String, Object> secondRun = redrive.handleRequest(Map.of(), null);

        assertThat(secondRun).containsEntry("done", true).containsEntry("published", 3);
        assertEveryCommittedEventWasTakenOnceInOrderPerCompany();
    }

    @Test
    void aRedriveWhileTheBusIsStillDownStopsAtOnceAndPublishesNothing() {
        Tenants.Tenant msp = tenants.anMspUnder(tenants.aDistributor());
        tenants.anOrderFor(tenants.aCustomerUnder(msp), 3);
        busDown = true;
        deliverTheStream();
        tenants.clock.advance(Duration.ofHours(1));

        Map<String, Object> answer = redrive.handleRequest(Map.of(), null);

        assertThat(answer).containsEntry("done", false).containsEntry("complete", false)
                .containsEntry("published", 0).containsEntry("notPublished", 1);
        assertThat(answer.get("stoppedBecause").toString()).startsWith("the bus failed");
        assertThat(outboxItems()).allSatisfy(item -> assertThat(item).containsKey("GSI6PK"));
    }

    @Test
    void eventsCommittedInTheLastFiveMinutesAreLeftToTheStream() {
        Tenants.Tenant msp = tenants.anMspUnder(tenants.aDistributor());
        tenants.anOrderFor(tenants.aCustomerUnder(msp), 3);
        tenants.clock.advance(Duration.ofMinutes(4));

        assertThat(redrive.handleRequest(Map.of(), null)).containsEntry("published", 0).containsEntry("done", true);

        tenants.clock.advance(Duration.ofMinutes(2));
        assertThat(redrive.handleRequest(Map.of(), null)).containsEntry("published", 1).containsEntry("done", true);
        assertEveryCommittedEventWasTakenOnceInOrderPerCompany();
    }

    private void assign(Tenants.Tenant msp, String orderId) {
        assertThat(tenants.api.post(msp.manager(), "/orders/" + orderId + "/assign", null).status()).isEqualTo(200);
    }

    private void assertEveryCommittedEventWasTakenOnceInOrderPerCompany() {
        List<String> ids = taken.stream().map(Taken::eventId).toList();
        assertThat(ids).as("each event once").doesNotHaveDuplicates();
        assertThat(Set.copyOf(ids)).as("every committed event")
                .isEqualTo(outboxItems().stream().map(item -> item.get("eventId").s()).collect(java.util.stream.Collectors.toSet()));
        Map<String, List<Instant>> byCompany = new LinkedHashMap<>();
        taken.forEach(event -> byCompany.computeIfAbsent(event.companyId(), c -> new ArrayList<>()).add(event.occurredAt()));
        assertThat(byCompany).allSatisfy((company, moments) -> assertThat(moments).as(company).isSorted());
    }

    private List<Map<String, AttributeValue>> outboxItems() {
        return LocalDynamoDb.snapshot(tenants.table).stream().filter(item -> item.get("SK").s().startsWith("EVENT#")).toList();
    }

    /**
     * The stream records not delivered yet, through the template's filter, to the publisher as Lambda
     * delivers them: a batch retried from its first failure, and given up on after the last attempt.
     */
    private void deliverTheStream() {
        List<DynamodbEvent.DynamodbStreamRecord> pending = EventPublisherIT.streamOf(tenants.table).getRecords().stream()
                .filter(r -> delivered.add(r.getDynamodb().getSequenceNumber()))
                .filter(r -> "INSERT".equals(r.getEventName())
                        && r.getDynamodb().getNewImage().get("SK").getS().startsWith("EVENT#"))
                .toList();
        for (int attempt = 1; attempt <= LAMBDA_ATTEMPTS && !pending.isEmpty(); attempt++) {
            DynamodbEvent batch = new DynamodbEvent();
            batch.setRecords(pending);
            StreamsEventResponse response = publisher.handleRequest(batch, null);
            if (response.getBatchItemFailures().isEmpty()) return;
            String from = response.getBatchItemFailures().get(0).getItemIdentifier();
            int first = 0;
            while (!pending.get(first).getDynamodb().getSequenceNumber().equals(from)) first++;
            pending = pending.subList(first, pending.size());
        }
    }

    /** PutEvents: a 500 while the bus is down; otherwise each entry taken unless {@link #refused}. */
    private Loopback.Answer answer(Loopback.Request request) {
        if (busDown) return new Loopback.Answer(500, "{\"__type\":\"InternalException\",\"message\":\"the bus is down\"}");
        try {
            StringBuilder entries = new StringBuilder();
            int failed = 0;
            for (JsonNode entry : JSON.readTree(request.body()).path("Entries")) {
                JsonNode detail = JSON.readTree(entry.path("Detail").asText());
                Taken event = new Taken(detail.path("eventId").asText(), detail.path("companyId").asText(),
                        Instant.parse(detail.path("occurredAt").asText()), entry.path("DetailType").asText());
                if (entries.length() > 0) entries.append(',');
                if (refused.test(event)) {
                    failed++;
                    entries.append("{\"ErrorCode\":\"InternalFailure\",\"ErrorMessage\":\"try again\"}");
                } else {
                    taken.add(event);
                    entries.append("{\"EventId\":\"").append(event.eventId()).append("\"}");
                }
            }
            return new Loopback.Answer(200, "{\"FailedEntryCount\":" + failed + ",\"Entries\":[" + entries + "]}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

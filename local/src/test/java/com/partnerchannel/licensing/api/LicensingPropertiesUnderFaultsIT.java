package com.partnerchannel.licensing.api;

import com.partnerchannel.licensing.config.DynamoDbRetries;
import com.partnerchannel.licensing.dynamodb.DynamoCompanies;
import com.partnerchannel.licensing.dynamodb.DynamoOutbox;
import com.partnerchannel.licensing.dynamodb.DynamoSentEmails;
import com.partnerchannel.licensing.dynamodb.DynamoUndeliverableAddresses;
import com.partnerchannel.licensing.faults.DynamoDbFaults;
import com.partnerchannel.licensing.faults.Faults;
import com.partnerchannel.licensing.local.LocalDynamoDbServer;
import com.partnerchannel.licensing.notification.application.Notifying;
import com.partnerchannel.licensing.notification.model.NoticeEmails;
import com.partnerchannel.licensing.outbox.BusEvent;
import com.partnerchannel.licensing.outbox.OutboxEvent;
import com.partnerchannel.licensing.outbox.Redrive;
import com.partnerchannel.licensing.outbox.RedrivingEvents;
import com.partnerchannel.licensing.testing.InProcessApi;
import com.partnerchannel.licensing.testing.TemplateTable;
import com.partnerchannel.licensing.tenancy.model.Actor;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.statistics.Statistics;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The model comparison of {@link LicensingProperties} with the faults DynamoDB Local never shows injected
 * on the functions' client (DynamoDB Local on loopback, the SDK's retries as in Lambda): 30 % of writes in
 * conflict, 5 % of calls throttled, 2 % of writes committed with their answer lost, from fixed seeds. The
 * caller does what docs/faults.md tells one: every POST carries an Idempotency-Key, and an answer that says
 * Retry-After (a 503, a 409 of a resource that kept changing) is sent again as it was, key and all; a
 * DELETE that heard 503 and then 404 was done. With that, the system must still agree with the model after
 * every step, and after every run: every answer a success or a documented problem, 0 ≤ allocated ≤ seats
 * and allocated = holders, no learner twice, no order assigned twice, every committed event published once.
 */
class LicensingPropertiesUnderFaultsIT extends LicensingProperties {
    private static final String UNDER_LOAD = "dynamodb-conflict=0.3,dynamodb-throttle=0.05,dynamodb-ambiguous-commit=0.02";
    /** The notifier's calls: a lost answer on 30 % of its writes, so that its email claims meet their own writes. */
    private static final String NOTIFYING_UNDER_LOAD =
            "dynamodb-conflict=0.3,dynamodb-throttle=0.05,dynamodb-ambiguous-commit=0.3";
    private static final long FIRST_SEED = 1607;
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static LocalDynamoDbServer server;

    @BeforeContainer
    static void startDynamoDbLocal() {
        server = LocalDynamoDbServer.start(Optional.empty());
    }

    @AfterContainer
    static void stopDynamoDbLocal() {
        server.close();
    }

    @Property(tries = 3, seed = "16", afterFailure = AfterFailureMode.SAMPLE_FIRST)
    void theSystemFollowsTheRulesAfterEveryStepUnderFaults(@ForAll("sequences") ActionChain<World> chain) {
        runAndCompare(chain);
    }

    @Provide
    Arbitrary<ActionChain<World>> sequences() {
        return sequences(LicensingPropertiesUnderFaultsIT::underFaults, 20);
    }

    /** A fresh table on the loopback DynamoDB Local, its faults drawn from the next seed, on from the first request. */
    static Backend underFaults() {
        int run = RUNS.incrementAndGet();
        DynamoDbFaults faults = new DynamoDbFaults(Faults.parse(UNDER_LOAD, FIRST_SEED + run));
        String table = "properties-" + run;
        server.client().createTable(TemplateTable.createTableRequest(table));
        DynamoDbClient client = faultyClient(faults);
        DynamoDbFaults notifyingFaults = new DynamoDbFaults(Faults.parse(NOTIFYING_UNDER_LOAD, FIRST_SEED + run));
        Tenants tenants = new Tenants(client, table);
        Resending caller = new Resending();
        return new Backend() {
            @Override
            public Tenants tenants() {
                return tenants;
            }

            @Override
            public Caller caller() {
                return caller;
            }

            @Override
            public Map<String, Object> itemsByCompany() {
                return scan(table).stream().collect(Collectors.groupingBy(item -> item.get("PK").s().substring(2),
                        Collectors.collectingAndThen(Collectors.toList(), items -> (Object) items)));
            }

            @Override
            public void assertLedgerBalances() {
                Seats.assertLedgerBalances(scan(table));
            }

            @Override
            public void afterRun(World world) {
                faults.switchOn(false);
                assertThat(faults.injected()).as("faults injected in the run").isPositive();
                Statistics.label("faults injected").collect(faults.injected() >= 10 ? "10 or more" : "1 to 9");
                caller.answers.stream().filter(FaultAnswers::isRetryable)
                        .forEach(answer -> Statistics.label("answers sent again").collect(answer.status()));
                assertThat(caller.answers).allSatisfy(FaultAnswers::isASuccessOrADocumentedProblem);
                List<Map<String, AttributeValue>> items = scan(table);
                Map<String, Integer> learnersByEmail = new HashMap<>();
                items.stream().filter(i -> i.get("SK").s().startsWith("USER#") && i.containsKey("emailNormalised"))
                        .forEach(i -> learnersByEmail.merge(i.get("companyId").s() + " " + i.get("emailNormalised").s(),
                                1, Integer::sum));
                assertThat(learnersByEmail).as("learners per company and email").allSatisfy((email, n) -> assertThat(n).as(email).isOne());
                Map<String, Integer> assignments = new HashMap<>();
                items.stream().filter(i -> i.get("SK").s().startsWith("EVENT#") && "OrderAssigned".equals(i.get("eventType").s()))
                        .forEach(i -> assignments.merge(i.get("detail").s().replaceAll(".*\"orderId\":\"([^\"]+)\".*", "$1"),
                                1, Integer::sum));
                assertThat(assignments).as("OrderAssigned events per order").allSatisfy((order, n) -> assertThat(n).as(order).isOne());
                List<OutboxEvent> published = assertEveryCommittedEventIsPublishedOnce(world, table, items);
                assertEveryEmailIsSentOnce(world, faultyClient(notifyingFaults), table, published);
                notifyingFaults.switchOn(false);
                Statistics.label("notifier's faults injected").collect(notifyingFaults.injected() > 0 ? "some" : "none");
            }

            @Override
            public void close() {
                server.client().deleteTable(request -> request.tableName(table));
            }
        };
    }

    /** A client of the loopback DynamoDB Local as the functions build theirs, with {@code faults} on it. */
    private static DynamoDbClient faultyClient(DynamoDbFaults faults) {
        return DynamoDbClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(DynamoDbRetries.strategy()).addExecutionInterceptor(faults))
                .build();
    }

    /**
     * A caller as docs/faults.md tells one to be: a POST carries a key of its own; an answer with Retry-After
     * is sent again, the same request with the same key; a DELETE that heard 503 (its commit's answer may
     * have been lost) and then 404 finds the learner gone, which is what it asked.
     */
    static final class Resending implements Caller {
        private static final int MOST_SENDS = 30;
        final AtomicInteger keys = new AtomicInteger();
        final AtomicInteger resent = new AtomicInteger();
        final List<InProcessApi.Response> answers = new CopyOnWriteArrayList<>();

        @Override
        public InProcessApi.Response call(InProcessApi api, Actor actor, String method, String path, Object body) {
            Map<String, String> headers = "POST".equals(method)
                    ? Map.of("Idempotency-Key", "step-" + keys.incrementAndGet()) : Map.of();
            boolean heardUnavailable = false;
            for (int send = 1; ; send++) {
                InProcessApi.Response answer = api.call(actor, method, path, body, headers);
                answers.add(answer);
                heardUnavailable |= answer.status() == 503;
                if (!FaultAnswers.isRetryable(answer) || send == MOST_SENDS) {
                    if ("DELETE".equals(method) && answer.status() == 404 && heardUnavailable) {
                        return new InProcessApi.Response(204, Map.of(), "");
                    }
                    return answer;
                }
                resent.incrementAndGet();
            }
        }
    }

    /** The redrive, with nothing left for the stream, publishes every event the table committed, each once. */
    private static List<OutboxEvent> assertEveryCommittedEventIsPublishedOnce(World world, String table,
                                                                             List<Map<String, AttributeValue>> items) {
        List<String> committed = items.stream().filter(i -> i.get("SK").s().startsWith("EVENT#"))
                .map(i -> i.get("eventId").s()).toList();
        List<OutboxEvent> onTheBus = new CopyOnWriteArrayList<>();
        world.tenants.clock.advance(Duration.ofHours(1));
        RedrivingEvents redrive = new RedrivingEvents(events -> {
            onTheBus.addAll(events);
            return List.of();
        }, new DynamoOutbox(server.client(), table), world.tenants.clock);
        Redrive first = redrive.redrive(() -> true);
        Redrive second = redrive.redrive(() -> true);

        assertThat(first.complete()).as(first.toString()).isTrue();
        assertThat(onTheBus).extracting(OutboxEvent::eventId).as("events published").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(committed);
        assertThat(second.published()).isZero();
        return onTheBus;
    }

    /**
     * The notifier, on the functions' faulty client, given every published event twice (the bus delivers at
     * least once) and each delivery again while it fails (as Lambda retries an event): no email goes twice,
     * and none is left "in doubt" (a claim whose answer was lost is still its claimer's to send).
     */
    private static void assertEveryEmailIsSentOnce(World world, DynamoDbClient client, String table, List<OutboxEvent> events) {
        Map<String, Integer> sends = new HashMap<>();
        String[] delivering = new String[1];
        Notifying notifier = new Notifying(new DynamoCompanies(client, table), new DynamoSentEmails(client, table),
                new DynamoUndeliverableAddresses(client, table), email -> {
                    sends.merge(delivering[0] + " to " + email.to(), 1, Integer::sum);
                    return "message-" + sends.size();
                }, new NoticeEmails("https://portal.example"), world.tenants.clock);
        List<String> inDoubt = new ArrayList<>();
        for (int delivery = 1; delivery <= 2; delivery++) {
            for (OutboxEvent event : events) {
                delivering[0] = event.type() + " " + event.eventId();
                BusEvent bus = new BusEvent(event.eventId(), event.type(), event.companyId(), detail(event));
                for (int invocation = 1; ; invocation++) {
                    try {
                        inDoubt.addAll(notifier.notify(bus).inDoubt());
                        break;
                    } catch (RuntimeException failed) {
                        if (invocation == 3) throw failed;
                    }
                }
            }
        }
        Statistics.label("emails sent").collect(sends.isEmpty() ? "none" : "some");
        assertThat(sends).as("emails per event and recipient").allSatisfy((sent, n) -> assertThat(n).as(sent).isOne());
        assertThat(inDoubt).as("emails left in doubt").isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> detail(OutboxEvent event) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(event.detailJson(), Map.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Map<String, AttributeValue>> scan(String table) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        server.client().scanPaginator(r -> r.tableName(table).consistentRead(true)).items().forEach(items::add);
        items.sort(java.util.Comparator.comparing(item -> item.get("PK").s() + "|" + item.get("SK").s()));
        return items;
    }
}

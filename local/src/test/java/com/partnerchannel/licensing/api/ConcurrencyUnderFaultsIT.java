package com.partnerchannel.licensing.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerchannel.licensing.config.DynamoDbRetries;
import com.partnerchannel.licensing.dynamodb.DynamoOutbox;
import com.partnerchannel.licensing.faults.DynamoDbFaults;
import com.partnerchannel.licensing.faults.Faults;
import com.partnerchannel.licensing.local.LocalDynamoDbServer;
import com.partnerchannel.licensing.outbox.OutboxEvent;
import com.partnerchannel.licensing.outbox.Redrive;
import com.partnerchannel.licensing.outbox.RedrivingEvents;
import com.partnerchannel.licensing.testing.InProcessApi;
import com.partnerchannel.licensing.testing.TemplateTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The concurrency scenarios with the faults DynamoDB Local never shows, injected on the real SDK client
 * the handlers use (DynamoDB Local served on loopback, the SDK's retries as in Lambda): 30 % of writes in
 * conflict, 5 % of calls throttled, 2 % of writes committed with their answer lost, from fixed seeds.
 * After every scenario, with the faults off: 0 ≤ allocated ≤ seats and allocated = holders for every pool,
 * no learner twice, no order assigned twice, and every committed event in the outbox published exactly
 * once by the redrive. Every answer is a success or a documented problem; the retryable ones (a 409 of a
 * resource that kept changing, a 503) say Retry-After, and the caller sends them again as it is told.
 */
class ConcurrencyUnderFaultsIT {
    private static final String UNDER_LOAD = "dynamodb-conflict=0.3,dynamodb-throttle=0.05,dynamodb-ambiguous-commit=0.02";
    private static final int CALLERS = 64;
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static LocalDynamoDbServer server;

    private DynamoDbFaults faults;
    private String table;
    private Tenants tenants;
    private final List<InProcessApi.Response> answers = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startDynamoDbLocal() {
        server = LocalDynamoDbServer.start(Optional.empty());
    }

    @AfterAll
    static void stopDynamoDbLocal() {
        server.close();
    }

    @AfterEach
    void everyInvariantHolds() {
        if (faults == null) return;
        faults.switchOn(false);
        List<Map<String, AttributeValue>> items = scan();
        Seats.assertLedgerBalances(items);
        Map<String, Integer> learnersByEmail = new HashMap<>();
        items.stream().filter(i -> i.get("SK").s().startsWith("USER#") && i.containsKey("emailNormalised"))
                .forEach(i -> learnersByEmail.merge(i.get("companyId").s() + " " + i.get("emailNormalised").s(), 1, Integer::sum));
        assertThat(learnersByEmail).as("learners per company and email").allSatisfy((email, n) -> assertThat(n).as(email).isOne());
        Map<String, Integer> assignments = new HashMap<>();
        items.stream().filter(i -> i.get("SK").s().startsWith("EVENT#") && "OrderAssigned".equals(i.get("eventType").s()))
                .forEach(i -> assignments.merge(i.get("detail").s().replaceAll(".*\"orderId\":\"([^\"]+)\".*", "$1"), 1, Integer::sum));
        assertThat(assignments).as("OrderAssigned events per order").allSatisfy((order, n) -> assertThat(n).as(order).isOne());
        assertThat(answers).allSatisfy(FaultAnswers::isASuccessOrADocumentedProblem);
        assertEveryCommittedEventIsPublishedOnce(items);
    }

    @Test
    void sixtyFourAddsOnATenSeatPoolTakeExactlyItsSeatsAndCreateEachLearnerOnce() throws Exception {
        startWith(UNDER_LOAD, 1601);
        Tenants.Tenant partner = tenants.aDistributor();
        Tenants.Tenant customer = tenants.aCustomerUnder(partner);
        String pool = assign(partner, customer, tenants.anOrderFor(customer, 10));

        faults.switchOn(true);
        Map<Integer, List<Integer>> statuses = new ConcurrentHashMap<>();
        List<InProcessApi.Response> done = Race.of(CALLERS, i -> untilDone(() -> {
            InProcessApi.Response answer = tenants.api.call(customer.manager(),
                    "POST", "/companies/" + customer.companyId() + "/learners",
                    Map.of("learners", List.of(Map.of("email", "l" + i + "@acme.test"))),
                    i % 2 == 0 ? Map.of("Idempotency-Key", "add-" + i) : Map.of());
            statuses.computeIfAbsent(i, caller -> new CopyOnWriteArrayList<>()).add(answer.status());
            return answer;
        }));
        faults.switchOn(false);

        for (int i = 0; i < CALLERS; i++) {
            InProcessApi.Response answer = done.get(i);
            if (answer.status() == 201) continue;
            // A keyless add whose commit's answer was lost past the SDK's retries heard 503; sent again it is
            // a new request, which finds its learner (docs/faults.md). A keyed one replays its first answer.
            assertThat(i % 2).as("only a keyless add may end other than 201: " + answer).isOne();
            assertThat(statuses.get(i)).as("caller " + i + "'s answers").contains(503);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            assertThat(answer.json().path("summary").path("alreadyExisting").asInt()).as(answer.toString()).isOne();
        }
        assertThat(faults.injected()).isPositive();
        assertThat(allocated(pool)).isEqualTo(10);
        JsonNode counts = tenants.api.get(customer.manager(), "/companies/" + customer.companyId() + "/licences").json().path("counts");
        assertThat(counts.path("active").asInt() + counts.path("unlicensed").asInt()).isEqualTo(CALLERS + 1); // and the manager
        assertThat(counts.path("active").asInt()).isEqualTo(10);
    }

    @Test
    void racingAssignsOfTheSameOrdersAssignEachOnce() throws Exception {
        startWith(UNDER_LOAD, 1602);
        Tenants.Tenant partner = tenants.aDistributor();
        Tenants.Tenant customer = tenants.aCustomerUnder(partner);
        List<String> orders = List.of(tenants.anOrderFor(customer, 3), tenants.anOrderFor(customer, 4),
                tenants.anOrderFor(customer, 5), tenants.anOrderFor(customer, 6));

        faults.switchOn(true);
        List<InProcessApi.Response> done = Race.of(32, i -> untilDone(() -> tenants.api.post(partner.manager(),
                "/orders/" + orders.get(i % orders.size()) + "/assign", null)));
        faults.switchOn(false);

        for (int o = 0; o < orders.size(); o++) {
            int order = o;
            List<InProcessApi.Response> ofOrder = new ArrayList<>();
            for (int i = order; i < done.size(); i += orders.size()) ofOrder.add(done.get(i));
            assertThat(ofOrder).filteredOn(r -> r.status() == 200).as("assignments answered of order " + order).hasSizeLessThanOrEqualTo(1);
            assertThat(ofOrder).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isIn(200, 409));
        }
        JsonNode pools = tenants.api.get(customer.manager(), "/companies/" + customer.companyId() + "/licences").json().path("pools");
        assertThat(pools).hasSize(orders.size());
    }

    @Test
    void deletesRacingRenewalsOfTheSameLearnersKeepTheLedger() throws Exception {
        startWith(UNDER_LOAD, 1603);
        Tenants.Tenant partner = tenants.aDistributor();
        Tenants.Tenant customer = tenants.aCustomerUnder(partner);
        assign(partner, customer, tenants.anOrderFor(customer, 20));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 19; i++) rows.add(Map.of("email", "e" + i + "@acme.test"));
        tenants.api.post(customer.manager(), "/companies/" + customer.companyId() + "/learners", Map.of("learners", rows));
        tenants.clock.advance(Duration.ofDays(366));
        String renewals = assign(partner, customer, tenants.anOrderFor(customer, 12));
        List<String> expired = new ArrayList<>();
        tenants.api.get(customer.manager(), "/companies/" + customer.companyId() + "/learners?licenceStatus=expired&limit=200")
                .json().path("items").forEach(l -> {
                    if (!"manager".equals(l.path("role").asText())) expired.add(l.path("learnerId").asText());
                });
        assertThat(expired).hasSize(19);

        faults.switchOn(true);
        List<InProcessApi.Response> done = Race.of(38, i -> untilDone(() -> i % 2 == 0
                ? tenants.api.call(customer.manager(), "DELETE", "/companies/" + customer.companyId() + "/learners/"
                + expired.get(i / 2), null, Map.of())
                : tenants.api.post(customer.manager(), "/companies/" + customer.companyId() + "/allocations",
                Map.of("learnerIds", List.of(expired.get(i / 2))))));
        faults.switchOn(false);

        // A renewal of a learner deleted first is a 400 naming it, one past the free seats a 409; a delete of one gone, a 404.
        assertThat(done).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isIn(200, 204, 400, 404, 409));
        assertThat(allocated(renewals)).isLessThanOrEqualTo(12);
    }

    @Test
    void concurrentRepeatsOfOneKeyedRequestAllAnswerTheFirstResponseAndOrderOnce() throws Exception {
        startWith(UNDER_LOAD, 1604);
        Tenants.Tenant partner = tenants.aDistributor();
        Tenants.Tenant customer = tenants.aCustomerUnder(partner);

        faults.switchOn(true);
        List<InProcessApi.Response> done = Race.of(16, i -> untilDone(() -> tenants.api.post(customer.manager(),
                "/companies/" + customer.companyId() + "/orders", Map.of("quantity", 7), "order-7")));
        faults.switchOn(false);

        assertThat(done).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(201));
        assertThat(done).extracting(r -> r.json().path("orderId").asText()).containsOnly(done.get(0).json().path("orderId").asText());
        JsonNode listed = tenants.api.get(customer.manager(), "/orders?companyId=" + customer.companyId()).json().path("items");
        assertThat(listed).hasSize(1);
    }

    /**
     * Every write commits and its answer is lost, and the SDK does not retry it: the caller hears 503 for a
     * change that was made. Sent again with its Idempotency-Key, the request answers the first response.
     * Without a key it is a new request, decided again on what the first made: an add finds the learner
     * (no second learner, no second seat), while an order request is a second order (docs/faults.md).
     */
    @Test
    void aRequestWhoseCommitsAnswerWasLostIsAnsweredAsDoneWhenSentAgainWithItsKey() {
        startWith("dynamodb-ambiguous-commit=1", 1605, AwsRetryStrategy.doNotRetry());
        Tenants.Tenant partner = tenants.aDistributor();
        Tenants.Tenant customer = tenants.aCustomerUnder(partner);
        assign(partner, customer, tenants.anOrderFor(customer, 5));
        String orders = "/companies/" + customer.companyId() + "/orders";
        String learners = "/companies/" + customer.companyId() + "/learners";
        Map<String, Object> ann = Map.of("learners", List.of(Map.of("email", "ann@acme.test")));

        InProcessApi.Response keyedLost = lostAnswer(() -> tenants.api.post(customer.manager(), orders, Map.of("quantity", 2), "order-2"));
        InProcessApi.Response keyedAgain = record(tenants.api.post(customer.manager(), orders, Map.of("quantity", 2), "order-2"));
        InProcessApi.Response keyedThird = record(tenants.api.post(customer.manager(), orders, Map.of("quantity", 2), "order-2"));
        InProcessApi.Response keylessLost = lostAnswer(() -> tenants.api.post(customer.manager(), orders, Map.of("quantity", 3)));
        InProcessApi.Response keylessAgain = record(tenants.api.post(customer.manager(), orders, Map.of("quantity", 3)));
        InProcessApi.Response addLost = lostAnswer(() -> tenants.api.post(customer.manager(), learners, ann));
        InProcessApi.Response addAgain = record(tenants.api.post(customer.manager(), learners, ann));

        assertThat(List.of(keyedLost, keylessLost, addLost)).allSatisfy(r -> {
            assertThat(r.status()).as(r.toString()).isEqualTo(503);
            assertThat(r.headers()).containsEntry("Retry-After", "2");
        });
        assertThat(faults.injected()).isEqualTo(3);
        assertThat(keyedAgain.status()).as(keyedAgain.toString()).isEqualTo(201);
        assertThat(keyedAgain.headers()).containsEntry("Idempotent-Replayed", "true");
        assertThat(keyedThird.body()).isEqualTo(keyedAgain.body());
        assertThat(keylessAgain.status()).as(keylessAgain.toString()).isEqualTo(201);
        assertThat(addAgain.status()).as(addAgain.toString()).isIn(200, 201);
        assertThat(addAgain.json().path("learners").path(0).path("result").asText()).isEqualTo("exists");
        JsonNode listed = tenants.api.get(customer.manager(), "/orders?companyId=" + customer.companyId()).json().path("items");
        assertThat(listed).extracting(o -> o.path("quantity").asInt()).containsExactlyInAnyOrder(5, 2, 3, 3);
        JsonNode counts = tenants.api.get(customer.manager(), "/companies/" + customer.companyId() + "/licences").json().path("counts");
        assertThat(counts.path("active").asInt()).as("the manager's seat and Ann's").isEqualTo(2);
    }

    /** The request with every write's answer lost; what is sent after it goes through untouched. */
    private InProcessApi.Response lostAnswer(Supplier<InProcessApi.Response> request) {
        faults.switchOn(true);
        try {
            return record(request.get());
        } finally {
            faults.switchOn(false);
        }
    }

    private void startWith(String rates, long seed) {
        startWith(rates, seed, DynamoDbRetries.strategy());
    }

    private void startWith(String rates, long seed, RetryStrategy retries) {
        faults = new DynamoDbFaults(Faults.parse(rates, seed));
        faults.switchOn(false);
        table = "faults-" + TABLES.incrementAndGet();
        server.client().createTable(TemplateTable.createTableRequest(table));
        DynamoDbClient client = DynamoDbClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(retries).addExecutionInterceptor(faults))
                .build();
        tenants = new Tenants(client, table);
    }

    /** Sends the request until it is done, again after each retryable answer, as a caller told Retry-After would. */
    private InProcessApi.Response untilDone(Supplier<InProcessApi.Response> request) {
        for (int attempt = 1; ; attempt++) {
            InProcessApi.Response response = record(request.get());
            if (!FaultAnswers.isRetryable(response) || attempt == 20) return response;
        }
    }

    private InProcessApi.Response record(InProcessApi.Response response) {
        answers.add(response);
        return response;
    }

    /** The redrive, with nothing left for the stream, publishes every event the table committed, each once. */
    private void assertEveryCommittedEventIsPublishedOnce(List<Map<String, AttributeValue>> items) {
        List<String> committed = items.stream().filter(i -> i.get("SK").s().startsWith("EVENT#"))
                .map(i -> i.get("eventId").s()).toList();
        List<String> onTheBus = new CopyOnWriteArrayList<>();
        tenants.clock.advance(Duration.ofHours(1));
        RedrivingEvents redrive = new RedrivingEvents(events -> {
            events.stream().map(OutboxEvent::eventId).forEach(onTheBus::add);
            return List.of();
        }, new DynamoOutbox(server.client(), table), tenants.clock);
        Redrive first = redrive.redrive(() -> true);
        Redrive second = redrive.redrive(() -> true);

        assertThat(first.complete()).as(first.toString()).isTrue();
        assertThat(onTheBus).as("events published").doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(committed);
        assertThat(second.published()).isZero();
    }

    private String assign(Tenants.Tenant partner, Tenants.Tenant customer, String orderId) {
        InProcessApi.Response assigned = tenants.api.post(partner.manager(), "/orders/" + orderId + "/assign", null);
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
        return assigned.json().path("poolId").asText();
    }

    private int allocated(String poolId) {
        return scan().stream().filter(i -> i.get("SK").s().equals("POOL#" + poolId))
                .mapToInt(i -> Integer.parseInt(i.get("allocated").n())).findFirst().orElseThrow();
    }

    private List<Map<String, AttributeValue>> scan() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        server.client().scanPaginator(r -> r.tableName(table).consistentRead(true)).items().forEach(items::add);
        return items;
    }
}

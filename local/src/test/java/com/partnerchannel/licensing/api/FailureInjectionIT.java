package com.partnerchannel.licensing.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerchannel.licensing.testing.InProcessApi;
import com.partnerchannel.licensing.testing.LocalDynamoDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A retry of any write, after the function failed between two of its writes, never takes a second seat
 * nor frees one twice. The faults are injected in the DynamoDB client the real handlers use.
 */
class FailureInjectionIT {
    private final FaultyDynamoDb faults = FaultyDynamoDb.around(LocalDynamoDb.client());
    private final Tenants tenants = new Tenants(faults.client());
    private final Tenants.Tenant partner = tenants.aDistributor();
    private final Tenants.Tenant customer = tenants.aCustomerUnder(partner);

    @AfterEach
    void theSeatLedgerBalances() {
        faults.heal();
        Seats.assertLedgerBalances(tenants.table);
    }

    @Test
    void aRenewalThatFailsBetweenChunksAndIsRetriedRenewsEveryLearnerOnce() {
        // Learners leaving one pool: chunks of 98 (a put each, the reservation, the old pool).
        List<String> expired = expiredLearners(200);
        String pool = assign(200);
        faults.failTransaction(3, FaultyDynamoDb.When.AFTER_THE_WRITE); // reservation, chunk 1, chunk 2 (lost answer)

        assertFailedOnOurSide(renew(Map.of("allExpired", true), "renew-1"));
        Seats.assertLedgerBalances(tenants.table); // the unused seats went back when it failed
        assertThat(Seats.allocated(tenants.table, pool)).isEqualTo(196);

        InProcessApi.Response retry = renew(Map.of("allExpired", true), "renew-1");

        assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
        assertThat(retry.json().path("renewed").asInt()).isEqualTo(200);
        assertThat(Seats.allocated(tenants.table, pool)).isEqualTo(200);
        assertThat(learners("expired")).isEmpty();
        assertThat(learners("active")).containsExactlyInAnyOrderElementsOf(expired);
        assertThat(renew(Map.of("allExpired", true), "renew-1").body()).isEqualTo(retry.body());
    }

    @Test
    void aRenewalWhoseFunctionDiedLeavesSeatsThatTheNextRenewalGivesBack() {
        expiredLearners(150);
        String pool = assign(150);
        faults.dieAtTransaction(3); // reservation and chunk 1 commit; then nothing, not even the release

        assertFailedOnOurSide(renew(Map.of("allExpired", true), null));
        faults.heal();
        assertThat(Seats.allocated(tenants.table, pool)).isEqualTo(150); // 98 held, 52 still reserved
        tenants.clock.advance(Duration.ofMinutes(16));

        InProcessApi.Response next = renew(Map.of("allExpired", true), null);

        assertThat(next.json().path("renewed").asInt()).isEqualTo(52);
        assertThat(Seats.allocated(tenants.table, pool)).isEqualTo(150);
        assertThat(learners("expired")).isEmpty();
    }

    @Test
    void anAddThatFailsBetweenChunksAndIsRetriedCreatesEachLearnerOnce() {
        String pool = assign(50);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 120; i++) rows.add(Map.of("email", "l" + i + "@acme.test"));
        faults.failTransaction(2, FaultyDynamoDb.When.AFTER_THE_WRITE); // chunks of 49, 49 (lost answer), 22

        assertFailedOnOurSide(add(rows, "add-1"));
        InProcessApi.Response retry = add(rows, "add-1");

        assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
        assertThat(retry.json().path("summary").path("created").asInt()).isEqualTo(120);
        assertThat(retry.json().path("summary").path("licensed").asInt()).isEqualTo(49); // the manager holds one
        assertThat(learners("active")).hasSize(50);
        assertThat(learners("unlicensed")).hasSize(71);
        assertThat(Seats.allocated(tenants.table, pool)).isEqualTo(50);
    }

    @Test
    void aDeleteWhoseAnswerWasLostFreesTheSeatOnceWhenRetried() {
        String pool = assign(5);
        String learnerId = add(List.of(Map.of("email", "x@acme.test")), null).json().path("learners").path(0)
                .path("learnerId").asText();
        faults.failTransaction(1, FaultyDynamoDb.When.AFTER_THE_WRITE);

        assertFailedOnOurSide(delete(learnerId));
        InProcessApi.Response retry = delete(learnerId);

        assertThat(retry.status()).isEqualTo(404);
        assertThat(Seats.allocated(tenants.table, pool)).isEqualTo(1);
    }

    @Test
    void anAssignmentThatFailsBeforeSeatingUnlicensedLearnersIsFinishedByTheNextAdd() {
        add(List.of(Map.of("email", "waiting@acme.test")), null);
        String orderId = tenants.anOrderFor(customer, 3);
        faults.failTransaction(2, FaultyDynamoDb.When.BEFORE_THE_WRITE); // the assignment commits; seating fails

        assertFailedOnOurSide(tenants.api.post(partner.manager(), "/orders/" + orderId + "/assign", null, "assign-1"));
        InProcessApi.Response retry = tenants.api.post(partner.manager(), "/orders/" + orderId + "/assign", null, "assign-1");
        assertThat(retry.status()).isEqualTo(200);
        assertThat(learners("unlicensed")).hasSize(2); // the manager and Waiting: the pool still owes them

        add(List.of(Map.of("email", "later@acme.test")), null);

        assertThat(learners("unlicensed")).isEmpty();
        assertThat(learners("active")).hasSize(3);
    }

    private List<String> expiredLearners(int count) {
        assign(count);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 1; i < count; i++) rows.add(Map.of("email", "e" + i + "@acme.test"));
        add(rows, null);
        tenants.clock.advance(Duration.ofDays(366));
        List<String> expired = learners("expired");
        assertThat(expired).hasSize(count);
        return expired;
    }

    private String assign(int seats) {
        String orderId = tenants.anOrderFor(customer, seats);
        return tenants.api.post(partner.manager(), "/orders/" + orderId + "/assign", null).json().path("poolId").asText();
    }

    private InProcessApi.Response renew(Map<String, Object> body, String key) {
        String path = "/companies/" + customer.companyId() + "/allocations";
        return key == null ? tenants.api.post(customer.manager(), path, body) : tenants.api.post(customer.manager(), path, body, key);
    }

    private InProcessApi.Response add(List<Map<String, Object>> rows, String key) {
        String path = "/companies/" + customer.companyId() + "/learners";
        Map<String, Object> body = Map.of("learners", rows);
        return key == null ? tenants.api.post(customer.manager(), path, body) : tenants.api.post(customer.manager(), path, body, key);
    }

    private InProcessApi.Response delete(String learnerId) {
        return tenants.api.call(customer.manager(), "DELETE", "/companies/" + customer.companyId() + "/learners/"
                + learnerId, null, Map.of());
    }

    private List<String> learners(String status) {
        List<String> ids = new ArrayList<>();
        JsonNode page = tenants.api.get(customer.manager(), "/companies/" + customer.companyId()
                + "/learners?licenceStatus=" + status + "&limit=200").json();
        page.path("items").forEach(l -> ids.add(l.path("learnerId").asText()));
        return ids;
    }

    /**
     * A transaction cancelled for a reason other than another writer (here a validation error) fails the
     * same way every time: it is answered once as our failure, not retried four times into a 409
     * "the resource kept changing".
     */
    @Test
    void aTransactionCancelledForAValidationErrorIsOurFailureNotAConflictToRetry() {
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        software.amazon.awssdk.services.dynamodb.DynamoDbClient real = LocalDynamoDb.client();
        software.amazon.awssdk.services.dynamodb.DynamoDbClient refusing =
                (software.amazon.awssdk.services.dynamodb.DynamoDbClient) java.lang.reflect.Proxy.newProxyInstance(
                        getClass().getClassLoader(),
                        new Class<?>[]{software.amazon.awssdk.services.dynamodb.DynamoDbClient.class}, (proxy, method, args) -> {
                            if (method.getName().equals("transactWriteItems") && refuseTransactions) {
                                attempts.incrementAndGet();
                                throw software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException.builder()
                                        .message("Transaction cancelled")
                                        .cancellationReasons(software.amazon.awssdk.services.dynamodb.model.CancellationReason
                                                .builder().code("ValidationError").message("Item size has exceeded the maximum").build())
                                        .build();
                            }
                            try {
                                return method.invoke(real, args);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
        Tenants refused = new Tenants(refusing);
        Tenants.Tenant customer = refused.aCustomerUnder(refused.aDistributor());
        refuseTransactions = true;

        InProcessApi.Response response = refused.api.post(customer.manager(),
                "/companies/" + customer.companyId() + "/orders", Map.of("quantity", 3));

        assertFailedOnOurSide(response);
        assertThat(attempts.get()).isEqualTo(1);
    }

    private volatile boolean refuseTransactions;

    /** The caller hears only that it failed and what to quote, never the exception behind it. */
    private static void assertFailedOnOurSide(InProcessApi.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(500);
        assertThat(response.headers()).containsEntry("Content-Type", "application/problem+json");
        assertThat(response.json().path("type").asText()).isEqualTo("https://licensing.partnerchannel.com/problems/internal");
        assertThat(response.json().path("correlationId").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("injected", "Exception", "software.amazon", "DynamoDb");
    }
}

package com.partnerchannel.licensing.api;

import com.partnerchannel.licensing.testing.InProcessApi;
import com.partnerchannel.licensing.testing.LocalDynamoDb;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code Idempotency-Key} on every POST: a repeat answers the first response; another body is a 422. */
class IdempotencyIT {
    private final Tenants tenants = new Tenants();

    @Test
    void repeatingAnOrderRequestWithTheSameKeyAnswersTheFirstOrderAndCreatesNoOther() {
        Tenants.Tenant customer = tenants.aCustomerUnder(tenants.aDistributor());
        String path = "/companies/" + customer.companyId() + "/orders";

        InProcessApi.Response first = tenants.api.post(customer.manager(), path, Map.of("quantity", 7), "key-1");
        InProcessApi.Response repeat = tenants.api.post(customer.manager(), path, Map.of("quantity", 7), "key-1");

        assertThat(first.status()).isEqualTo(201);
        assertThat(repeat.status()).isEqualTo(201);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(repeat.headers()).containsEntry("Idempotent-Replayed", "true");
        assertThat(orders()).hasSize(1);
        assertThat(events()).hasSize(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedWith422AndChangesNothing() {
        Tenants.Tenant customer = tenants.aCustomerUnder(tenants.aDistributor());
        String path = "/companies/" + customer.companyId() + "/orders";
        tenants.api.post(customer.manager(), path, Map.of("quantity", 7), "key-1");
        var before = LocalDynamoDb.snapshot(tenants.table);

        InProcessApi.Response other = tenants.api.post(customer.manager(), path, Map.of("quantity", 8), "key-1");

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json().path("detail").asText()).contains("key-1");
        assertThat(LocalDynamoDb.snapshot(tenants.table)).isEqualTo(before);
    }

    @Test
    void repeatingAnAssignmentAnswersTheFirstSuccessNotAConflict() {
        Tenants.Tenant distributor = tenants.aDistributor();
        Tenants.Tenant customer = tenants.aCustomerUnder(distributor);
        String orderId = tenants.anOrderFor(customer, 3);

        InProcessApi.Response first = tenants.api.post(distributor.manager(), "/orders/" + orderId + "/assign", null, "assign-1");
        tenants.clock.advance(Duration.ofMinutes(5));
        InProcessApi.Response repeat = tenants.api.post(distributor.manager(), "/orders/" + orderId + "/assign", null, "assign-1");
        InProcessApi.Response withoutKey = tenants.api.post(distributor.manager(), "/orders/" + orderId + "/assign", null);

        assertThat(first.status()).isEqualTo(200);
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(withoutKey.status()).isEqualTo(409);
        assertThat(LocalDynamoDb.snapshot(tenants.table).stream().filter(i -> i.get("SK").s().startsWith("POOL#"))).hasSize(1);
    }

    @Test
    void creatingACompanyTwiceWithOneKeyCreatesOneCompany() {
        Tenants.Tenant distributor = tenants.aDistributor();
        Map<String, Object> body = Map.of("name", "Acme", "kind", "customer", "managers",
                List.of(Map.of("email", "boss@acme.test", "name", "The Boss")));

        InProcessApi.Response first = tenants.api.post(distributor.manager(), "/companies", body, "create-acme");
        InProcessApi.Response repeat = tenants.api.post(distributor.manager(), "/companies", body, "create-acme");

        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(tenants.api.get(distributor.manager(), "/companies?q=acme").json().path("items")).hasSize(1);
    }

    @Test
    void keysBelongToTheirCaller() {
        Tenants.Tenant distributor = tenants.aDistributor();
        Tenants.Tenant customer = tenants.aCustomerUnder(distributor);
        String path = "/companies/" + customer.companyId() + "/orders";

        InProcessApi.Response mine = tenants.api.post(customer.manager(), path, Map.of("quantity", 1), "shared-key");
        InProcessApi.Response theirs = tenants.api.post(distributor.manager(), path, Map.of("quantity", 1), "shared-key");

        assertThat(theirs.status()).isEqualTo(201);
        assertThat(theirs.json().path("orderId").asText()).isNotEqualTo(mine.json().path("orderId").asText());
        assertThat(orders()).hasSize(2);
    }

    @Test
    void theSameRequestSentManyTimesAtOnceCreatesOneOrder() throws Exception {
        Tenants.Tenant customer = tenants.aCustomerUnder(tenants.aDistributor());
        String path = "/companies/" + customer.companyId() + "/orders";
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<InProcessApi.Response>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return tenants.api.post(customer.manager(), path, Map.of("quantity", 9), "burst");
                }));
            }
            start.countDown();
            List<String> bodies = new ArrayList<>();
            for (Future<InProcessApi.Response> future : futures) {
                InProcessApi.Response response = future.get();
                assertThat(response.status()).as(response.toString()).isEqualTo(201);
                bodies.add(response.body());
            }
            assertThat(bodies).containsOnly(bodies.get(0));
            assertThat(orders()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    /** 2,000 learners answer about 700 KB, more than a DynamoDB item holds: the record keeps it compressed. */
    @Test
    void aBulkAddWithAKeyIsAnsweredAndItsRepeatGetsTheSameLongAnswer() {
        Tenants.Tenant customer = tenants.aCustomerUnder(tenants.aDistributor());
        String path = "/companies/" + customer.companyId() + "/learners";
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            rows.add(Map.of("email", "learner" + i + "@acme.test", "firstName", "Learner", "lastName", "Number " + i));
        }
        Map<String, Object> body = Map.of("learners", rows, "source", "csv");

        InProcessApi.Response first = tenants.api.post(customer.manager(), path, body, "import-1");
        InProcessApi.Response repeat = tenants.api.post(customer.manager(), path, body, "import-1");

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.json().path("summary").path("created").asInt()).isEqualTo(2_000);
        assertThat(first.body().length()).isGreaterThan(400 * 1024);
        assertThat(repeat.status()).isEqualTo(201);
        assertThat(repeat.headers()).containsEntry("Idempotent-Replayed", "true");
        assertThat(repeat.body()).isEqualTo(first.body());
    }

    private List<?> orders() {
        return LocalDynamoDb.snapshot(tenants.table).stream().filter(i -> i.get("SK").s().startsWith("ORDER#")).toList();
    }

    private List<?> events() {
        return LocalDynamoDb.snapshot(tenants.table).stream().filter(i -> i.get("SK").s().startsWith("EVENT#")
                && i.get("eventType").s().equals("OrderRequested")).toList();
    }
}

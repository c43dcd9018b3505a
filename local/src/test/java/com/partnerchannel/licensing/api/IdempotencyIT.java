package com.partnerchannel.licensing.api;

import com.partnerchannel.licensing.tenancy.model.Actor;
import com.partnerchannel.licensing.tenancy.model.Role;
import com.partnerchannel.licensing.tenancy.model.UserId;
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
    void aLearnerWithTheManagersSubAndKeyIsRefusedNotAnsweredTheStoredResponse() {
        Tenants.Tenant customer = tenants.aCustomerUnder(tenants.aDistributor());
        String c = "/companies/" + customer.companyId();
        tenants.api.post(customer.manager(), c + "/orders", Map.of("quantity", 7), "manager-key");
        tenants.api.post(customer.manager(), c + "/learners", Map.of("learners",
                List.of(Map.of("email", "a@acme.test"))), "manager-add");
        Actor learner = new Actor(customer.manager().userId(), customer.manager().companyId(), Role.learner);

        InProcessApi.Response order = tenants.api.post(learner, c + "/orders", Map.of("quantity", 7), "manager-key");
        InProcessApi.Response add = tenants.api.post(learner, c + "/learners", Map.of("learners",
                List.of(Map.of("email", "a@acme.test"))), "manager-add");

        assertThat(order.status()).as(order.toString()).isEqualTo(403);
        assertThat(order.body()).doesNotContain("orderId");
        assertThat(add.status()).as(add.toString()).isEqualTo(403);
        assertThat(add.body()).doesNotContain("learnerId");
    }

    @Test
    void aSubContainingAHashNeverMeetsAnotherUsersKey() {
        Tenants.Tenant customer = tenants.aCustomerUnder(tenants.aDistributor());
        String path = "/companies/" + customer.companyId() + "/orders";
        Actor probeuserA = new Actor(new UserId("probeuser#a"), customer.manager().companyId(), Role.manager);
        Actor probeuser = new Actor(new UserId("probeuser"), customer.manager().companyId(), Role.manager);

        InProcessApi.Response theirs = tenants.api.post(probeuserA, path, Map.of("quantity", 1), "bK");
        InProcessApi.Response mine = tenants.api.post(probeuser, path, Map.of("quantity", 1), "a#bK");

        assertThat(mine.status()).as(mine.toString()).isEqualTo(201);
        assertThat(mine.headers()).doesNotContainKey("Idempotent-Replayed");
        assertThat(mine.json().path("orderId").asText()).isNotEqualTo(theirs.json().path("orderId").asText());
        assertThat(orders()).hasSize(2);
    }

    @Test
    void aKeyUsedOnOwnCompanyAnswersAForeignCompanyWith404Not422() {
        Tenants.Tenant customer = tenants.aCustomerUnder(tenants.aDistributor());
        Tenants.Tenant foreign = tenants.aCustomerUnder(tenants.aDistributor());
        tenants.api.post(customer.manager(), "/companies/" + customer.companyId() + "/orders", Map.of("quantity", 1), "k1");

        InProcessApi.Response response = tenants.api.post(customer.manager(),
                "/companies/" + foreign.companyId() + "/orders", Map.of("quantity", 1), "k1");

        assertThat(response.status()).as(response.toString()).isEqualTo(404);
    }

    @Test
    void everyCallerOfAKeySentManyTimesAtOnceGetsTheFirstResponse() throws Exception {
        Tenants.Tenant distributor = tenants.aDistributor();
        Tenants.Tenant customer = tenants.aCustomerUnder(distributor);
        String reject = "/orders/" + tenants.anOrderFor(customer, 3) + "/reject";
        String assign = "/orders/" + tenants.anOrderFor(customer, 4) + "/assign";
        for (String path : List.of(reject, assign)) {
            ExecutorService pool = Executors.newFixedThreadPool(20);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<InProcessApi.Response>> futures = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    futures.add(pool.submit(() -> {
                        start.await();
                        return tenants.api.post(distributor.manager(), path, Map.of("reason", "no budget"), "once " + path);
                    }));
                }
                start.countDown();
                List<String> answers = new ArrayList<>();
                for (Future<InProcessApi.Response> future : futures) answers.add(future.get().toString());
                assertThat(answers).as(path).containsOnly(answers.get(0));
                assertThat(answers.get(0)).startsWith("200 ");
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /**
     * The interleaving behind the issue's 409s, made certain: a repeat reads before the first request
     * commits, and decides after it. It must still get the first response, not "order … is rejected".
     */
    @Test
    void aRepeatThatDecidesJustAfterTheFirstCommitGetsTheFirstResponse() throws Exception {
        HeldDynamoDb held = new HeldDynamoDb(LocalDynamoDb.client());
        Tenants slow = new Tenants(held.client());
        Tenants.Tenant distributor = slow.aDistributor();
        String path = "/orders/" + slow.anOrderFor(slow.aCustomerUnder(distributor), 3) + "/reject";
        Map<String, String> body = Map.of("reason", "no budget");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<InProcessApi.Response> repeat = pool.submit(() -> {
                held.holdSecondCallOfThisThread();
                return slow.api.post(distributor.manager(), path, body, "reject-once");
            });
            held.awaitHeld();
            InProcessApi.Response first = slow.api.post(distributor.manager(), path, body, "reject-once");
            held.release();

            assertThat(first.status()).as(first.toString()).isEqualTo(200);
            assertThat(repeat.get().toString()).isEqualTo(first.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    /** A DynamoDB client that stops one thread at its second call until released. */
    private static final class HeldDynamoDb implements java.lang.reflect.InvocationHandler {
        private final software.amazon.awssdk.services.dynamodb.DynamoDbClient real;
        private final ThreadLocal<int[]> calls = new ThreadLocal<>();
        private final CountDownLatch held = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        HeldDynamoDb(software.amazon.awssdk.services.dynamodb.DynamoDbClient real) {
            this.real = real;
        }

        software.amazon.awssdk.services.dynamodb.DynamoDbClient client() {
            return (software.amazon.awssdk.services.dynamodb.DynamoDbClient) java.lang.reflect.Proxy.newProxyInstance(
                    getClass().getClassLoader(),
                    new Class<?>[]{software.amazon.awssdk.services.dynamodb.DynamoDbClient.class}, this);
        }

        void holdSecondCallOfThisThread() {
            calls.set(new int[1]);
        }

        void awaitHeld() throws InterruptedException {
            assertThat(held.await(30, java.util.concurrent.TimeUnit.SECONDS)).as("the repeat reached its second call").isTrue();
        }

        void release() {
            released.countDown();
        }

        @Override
        public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) throws Throwable {
            int[] count = calls.get();
            if (count != null && !method.getName().equals("close") && ++count[0] == 2) {
                held.countDown();
                released.await(30, java.util.concurrent.TimeUnit.SECONDS);
            }
            try {
                return method.invoke(real, args);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
        }
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

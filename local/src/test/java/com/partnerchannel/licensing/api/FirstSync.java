package com.partnerchannel.licensing.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerchannel.licensing.testing.InProcessApi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A first sync: an identity provider creates {@code users} users at once, {@code inFlight} requests in flight,
 * and sends {@code repeats} of them again (as it does when a request times out), into a customer with
 * {@code seats} seats. Seats and counts end exact and no user is created twice. A 409 that is not
 * {@code uniqueness} (the seats kept changing under a request) is retried, as a provider retries it, and so is
 * a 500 or 503: on a loaded machine DynamoDB Local gives up waiting for its own lock ("This request will
 * succeed in actual DynamoDB"), a failure AWS does not have; such a request wrote nothing, so its retry must
 * still be the one 201 of its user, which the exact counts and the ledger check below check.
 * {@code ScimFirstSyncInMemoryIT} runs it at full size over the in-memory adapters, {@code ScimFirstSyncIT} smaller
 * on DynamoDB Local.
 */
record FirstSync(int users, int seats, int repeats, int inFlight) {

    /** Runs the sync on {@code tenants}, checks the answers and counts, then the seat ledger as {@code ledger} reads it. */
    String run(Tenants tenants, Runnable ledger) throws Exception {
        Tenants.Tenant partner = tenants.aDistributor();
        Tenants.Tenant customer = tenants.aCustomerUnder(partner);
        String orderId = tenants.anOrderFor(customer, seats);
        assertThat(tenants.api.post(partner.manager(), "/orders/" + orderId + "/assign", null).status()).isEqualTo(200);
        Scim directory = Scim.forCustomer(tenants, customer);

        List<Integer> requests = new ArrayList<>();
        for (int i = 0; i < users; i++) requests.add(i);
        Random random = new Random(14);
        for (int i = 0; i < repeats; i++) requests.add(random.nextInt(users));
        Collections.shuffle(requests, random);

        Map<Integer, String> ids = new ConcurrentHashMap<>();
        AtomicInteger uniqueness = new AtomicInteger();
        AtomicInteger retried = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(inFlight);
        long started = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int user : requests) {
                done.add(pool.submit(() -> {
                    String body = "{\"schemas\":[\"" + Scim.USER + "\"],\"userName\":\"user" + user + "@acme.test\","
                            + "\"externalId\":\"ext-" + user + "\",\"name\":{\"givenName\":\"User\",\"familyName\":\""
                            + user + "\"},\"active\":true}";
                    for (int attempt = 1; ; attempt++) {
                        InProcessApi.Response response = directory.post("/Users", body);
                        JsonNode json = response.json();
                        if (response.status() == 201) {
                            String before = ids.putIfAbsent(user, json.path("id").asText());
                            assertThat(before).as("user " + user + " created twice").isNull();
                            return null;
                        }
                        if (response.status() == 500 || response.status() == 503) {
                            failed.incrementAndGet();
                        } else {
                            assertThat(response.status()).as(response.toString()).isEqualTo(409);
                            if ("uniqueness".equals(json.path("scimType").asText())) {
                                uniqueness.incrementAndGet();
                                return null;
                            }
                            retried.incrementAndGet();
                        }
                        assertThat(attempt).as("attempts for user " + user).isLessThan(50);
                    }
                }));
            }
            for (Future<?> future : done) future.get();
        } finally {
            pool.shutdownNow();
        }
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(ids).hasSize(users);
        assertThat(uniqueness.get()).isEqualTo(repeats);
        JsonNode counts = tenants.api.get(customer.manager(), "/companies/" + customer.companyId() + "/licences")
                .json().path("counts");
        assertThat(counts.path("active").asInt()).isEqualTo(seats); // the manager and seats - 1 synced users
        assertThat(counts.path("unlicensed").asInt()).isEqualTo(users + 1 - seats);
        assertThat(counts.path("availableSeats").asInt()).isZero();
        assertThat(directory.get("/Users?count=1").json().path("totalResults").asInt()).isEqualTo(users + 1);
        ledger.run();
        return String.format("%d POSTs (%d repeats), %d in flight, %d ms, %d retried after a seat race,"
                + " %d after a 500 or 503", requests.size(), repeats, inFlight, millis, retried.get(), failed.get());
    }
}

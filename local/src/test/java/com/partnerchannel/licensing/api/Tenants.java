package com.partnerchannel.licensing.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerchannel.licensing.config.Licensing;
import com.partnerchannel.licensing.memory.InMemoryPorts;
import com.partnerchannel.licensing.memory.InMemoryTable;
import com.partnerchannel.licensing.testing.InProcessApi;
import com.partnerchannel.licensing.testing.LocalDynamoDb;
import com.partnerchannel.licensing.testing.MutableClock;
import com.partnerchannel.licensing.tenancy.model.Actor;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.Role;
import com.partnerchannel.licensing.tenancy.model.UserId;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fresh table and the API over it, with helpers that build company trees through the API itself:
 * {@code aDistributor()}, {@code anMspUnder(distributor)}, {@code aCustomerUnder(msp)}.
 */
final class Tenants {
    static final Actor PLATFORM_ADMIN = new Actor(new UserId("platform-admin"), new CompanyId("PLATFORM"), Role.platform_admin);

    /** The DynamoDB Local table, or null when the tenants live in memory. */
    final String table;
    /** The in-memory table, or null when the tenants live on DynamoDB Local. */
    final InMemoryTable memory;
    final MutableClock clock = MutableClock.at("2026-03-01T09:00:00Z");
    final Licensing licensing;
    final InProcessApi api;
    private int counter;

    Tenants() {
        this(LocalDynamoDb.client());
    }

    /** Tenants whose functions talk to DynamoDB through {@code dynamo} (a client that injects faults, say). */
    Tenants(software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo) {
        this(dynamo, licensing -> new Object[0]);
    }

    /** Tenants whose API also takes {@code more} wiring (say, renewal imports over an S3 of the test's). */
    Tenants(software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo,
            java.util.function.Function<Licensing, Object[]> more) {
        this(dynamo, LocalDynamoDb.freshTable(), more);
    }

    /** Tenants on a table the test made, where {@code dynamo} reaches it (a DynamoDB Local over HTTP, say). */
    Tenants(software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo, String table,
            java.util.function.Function<Licensing, Object[]> more) {
        this.table = table;
        this.memory = null;
        this.licensing = new Licensing(dynamo, table, clock);
        this.api = new InProcessApi(licensing, more.apply(licensing));
    }

    /** Tenants on {@code table}, which the caller made, reached through {@code dynamo} (DynamoDB Local served on loopback, say). */
    Tenants(software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo, String table) {
        this.table = table;
        this.memory = null;
        this.licensing = new Licensing(dynamo, table, clock);
        this.api = new InProcessApi(licensing);
    }

    private Tenants(InMemoryTable memory, java.util.function.Function<Licensing, Object[]> more) {
        this.table = null;
        this.memory = memory;
        this.licensing = new Licensing(InMemoryPorts.over(memory, clock), clock);
        this.api = new InProcessApi(licensing, more.apply(licensing));
    }

    /** Tenants whose functions run over the in-memory adapters: the same handlers, no DynamoDB Local. */
    static Tenants inMemory() {
        return inMemory(licensing -> new Object[0]);
    }

    /** The same, with {@code more} wiring (say, renewal imports over in-memory uploads). */
    static Tenants inMemory(java.util.function.Function<Licensing, Object[]> more) {
        return new Tenants(new InMemoryTable(), more);
    }

    /** A company made through the API, and one of its managers as an actor. */
    record Tenant(String companyId, Actor manager, JsonNode json) {
        Actor learner() {
            return new Actor(new UserId("learner-of-" + companyId), new CompanyId(companyId), Role.learner);
        }
    }

    Tenant aDistributor() {
        return create(PLATFORM_ADMIN, Map.of("name", "Distributor " + ++counter, "kind", "partner",
                "managers", List.of(manager("dist"))));
    }

    Tenant anMspUnder(Tenant parent) {
        return create(parent.manager(), Map.of("name", "MSP " + ++counter, "kind", "partner",
                "parentId", parent.companyId(), "managers", List.of(manager("msp"))));
    }

    Tenant aCustomerUnder(Tenant parent) {
        return aCustomerUnder(parent, "premium");
    }

    Tenant aCustomerUnder(Tenant parent, String plan) {
        return create(parent.manager(), Map.of("name", "Customer " + ++counter, "kind", "customer", "plan", plan,
                "parentId", parent.companyId(), "managers", List.of(manager("it"))));
    }

    Tenant create(Actor creator, Map<String, Object> body) {
        InProcessApi.Response response = api.post(creator, "/companies", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode company = response.json();
        String id = company.path("companyId").asText();
        // A company created without managers gets a stand-in actor: tokens name users, not items.
        String managerId = company.path("managers").path(0).path("userId").asText("manager-of-" + id);
        return new Tenant(id, new Actor(new UserId(managerId), new CompanyId(id), Role.manager), company);
    }

    String anOrderFor(Tenant customer, int quantity) {
        InProcessApi.Response response = api.post(customer.manager(), "/companies/" + customer.companyId() + "/orders",
                Map.of("quantity", quantity));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().path("orderId").asText();
    }

    private Map<String, String> manager(String who) {
        int n = ++counter;
        return Map.of("email", who + n + "@example.com", "name", "Manager " + n);
    }
}

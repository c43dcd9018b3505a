package com.partnerchannel.licensing.http;

import com.partnerchannel.licensing.allocation.model.LearnerRole;
import com.partnerchannel.licensing.allocation.model.LearnerSource;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.partnerchannel.licensing.allocation.application.AddLearners;
import com.partnerchannel.licensing.allocation.application.AddedLearners;
import com.partnerchannel.licensing.allocation.model.LicenceStatus;
import com.partnerchannel.licensing.common.OrderId;
import com.partnerchannel.licensing.common.PageRequest;
import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.ordering.application.RequestOrder;
import com.partnerchannel.licensing.ordering.model.Order;
import com.partnerchannel.licensing.tenancy.model.Actor;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.testing.ApiGatewayEvents;
import com.partnerchannel.licensing.testing.InMemoryLicensing;
import com.partnerchannel.licensing.testing.SamTemplate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.partnerchannel.licensing.testing.InMemoryLicensing.managerOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Idempotency-Key rules of docs/product.md (conventions), on {@link Commands} over the in-memory adapters:
 * a repeat answers the first response, another request under the key is refused, who may act is decided first.
 */
class IdempotencyRulesTest {
    private final InMemoryLicensing licensing = new InMemoryLicensing();
    private final Commands commands = new Commands(licensing.ports.transactions());
    private final Company distributor = licensing.aDistributor();
    private final Company acme = licensing.aCustomerUnder(distributor, "premium");

    private static ApiRequest request(Actor actor, String routeKey, Map<String, String> pathParameters, String body,
                                      Optional<String> key) {
        String[] route = routeKey.split(" ", 2);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        key.ifPresent(k -> headers.put("idempotency-key", k));
        Map<String, String> claims = Map.of("sub", actor.userId().value(), "company_id", actor.companyId().value(),
                "role", actor.role().name());
        return new ApiRequest(ApiGatewayEvents.event(new ApiGatewayEvents.Match(new SamTemplate.Route(route[0], route[1]),
                pathParameters), route[0], route[1], null, headers, body, claims));
    }

    private APIGatewayV2HTTPResponse requestAnOrder(Actor actor, int quantity, String key) {
        ApiRequest request = request(actor, "POST /companies/{companyId}/orders", Map.of("companyId", acme.companyId().value()),
                "{\"quantity\":" + quantity + "}", Optional.ofNullable(key));
        return commands.run(request, 201, () -> licensing.licensing.requestingOrder.request(actor, acme.companyId(),
                RequestOrder.of(quantity)), order -> Map.of("orderId", order.orderId().value()));
    }

    private int orders() {
        return licensing.ports.orders().ofCompany(acme.companyId(), Optional.empty(), PageRequest.first(50)).items().size();
    }

    @Test
    @DisplayName("the same request with the same key answers the first response and does nothing again")
    void aRepeatAnswersTheFirstResponse() {
        APIGatewayV2HTTPResponse first = requestAnOrder(managerOf(acme), 5, "k-1");
        APIGatewayV2HTTPResponse repeat = requestAnOrder(managerOf(acme), 5, "k-1");
        assertThat(repeat.getStatusCode()).isEqualTo(201);
        assertThat(repeat.getBody()).isEqualTo(first.getBody());
        assertThat(repeat.getHeaders()).containsEntry("Idempotent-Replayed", "true");
        assertThat(orders()).isEqualTo(1);
        requestAnOrder(managerOf(acme), 5, null);
        requestAnOrder(managerOf(acme), 5, null);
        assertThat(orders()).as("without a key, each request is its own").isEqualTo(3);
    }

    @Test
    @DisplayName("the same key with another request is refused; keys are per user")
    void aKeyReusedForAnotherRequestIsRefused() {
        requestAnOrder(managerOf(acme), 5, "k-1");
        assertThatThrownBy(() -> requestAnOrder(managerOf(acme), 6, "k-1")).isInstanceOf(Commands.KeyReused.class);
        requestAnOrder(managerOf(distributor), 5, "k-1");
        assertThat(orders()).isEqualTo(2);
    }

    @Test
    @DisplayName("a repeat that meets the state its first request made answers the first response")
    void aRepeatOfADoneCommandAnswersTheFirstResponse() {
        OrderId order = licensing.anOrder(acme, 3).orderId();
        Actor partner = managerOf(distributor);
        ApiRequest assign = request(partner, "POST /orders/{orderId}/assign", Map.of("orderId", order.value()), null,
                Optional.of("assign-1"));
        java.util.function.Supplier<APIGatewayV2HTTPResponse> run = () -> commands.run(assign, 200,
                () -> licensing.licensing.assigningOrder.assign(partner, order), Order::status);
        APIGatewayV2HTTPResponse first = run.get();
        APIGatewayV2HTTPResponse repeat = run.get();
        assertThat(repeat.getBody()).isEqualTo(first.getBody());
        assertThat(licensing.ports.pools().ofCompany(acme.companyId())).hasSize(1);
    }

    @Test
    @DisplayName("who may act is decided before any replay")
    void aCallerWhoMayNotActIsRefusedWhateverKeyItSends() {
        OrderId order = licensing.anOrder(acme, 3).orderId();
        Actor customer = managerOf(acme);
        ApiRequest assign = request(customer, "POST /orders/{orderId}/assign", Map.of("orderId", order.value()), null,
                Optional.of("k-1"));
        requestAnOrder(customer, 5, "k-1");
        assertThatThrownBy(() -> commands.run(assign, 200, () -> licensing.licensing.assigningOrder.assign(customer, order),
                Order::status)).isInstanceOfSatisfying(Problem.class, p -> assertThat(p.kind()).isEqualTo(Problem.Kind.FORBIDDEN));
    }

    @Test
    @DisplayName("a key is kept 24 hours")
    void aKeyIsKeptADay() {
        requestAnOrder(managerOf(acme), 5, "k-1");
        licensing.clock.advance(Duration.ofHours(24));
        requestAnOrder(managerOf(acme), 6, "k-1");
        assertThat(orders()).isEqualTo(2);
    }

    @Test
    @DisplayName("a bulk add repeated with its key adds nobody twice, also after a first attempt that stopped half-way")
    void aBulkAddRepeatedWithItsKeyAddsNobodyTwice() {
        licensing.aPool(acme, distributor, 10);
        Actor manager = managerOf(acme);
        AddLearners body = new AddLearners(List.of(new AddLearners.Valid("ann@acme.test", "Ann", "A", LearnerRole.learner),
                new AddLearners.Valid("bob@acme.test", "Bob", "B", LearnerRole.learner)), LearnerSource.csv);
        // A first attempt that added its learners and then died before storing its response.
        AddedLearners partial = licensing.licensing.addingLearners.add(manager, acme.companyId(), body, Optional.of("bulk-1"));
        ApiRequest request = request(manager, "POST /companies/{companyId}/learners", Map.of("companyId", acme.companyId().value()),
                "{\"learners\":[]}", Optional.of("bulk-1"));
        APIGatewayV2HTTPResponse retry = commands.runBulk(request, () -> { }, key -> licensing.licensing.addingLearners.add(manager,
                acme.companyId(), body, key), added -> 201, added -> added.rows().stream()
                .map(row -> row.outcome().name()).toList());
        assertThat(retry.getBody()).isEqualTo("[\"created\",\"created\"]");
        assertThat(partial.count(AddedLearners.Outcome.created)).isEqualTo(2);
        assertThat(licensing.ports.learners().count(acme, licensing.clock.instant())).containsEntry(LicenceStatus.active, 3);
        APIGatewayV2HTTPResponse repeat = commands.runBulk(request, () -> { }, key -> {
            throw new AssertionError("a repeat with a stored response is not run again");
        }, added -> 201, added -> added);
        assertThat(repeat.getBody()).isEqualTo(retry.getBody());
    }
}

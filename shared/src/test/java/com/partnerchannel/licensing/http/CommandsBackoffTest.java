package com.partnerchannel.licensing.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.partnerchannel.licensing.common.Backoff;
import com.partnerchannel.licensing.common.Change;
import com.partnerchannel.licensing.common.Decision;
import com.partnerchannel.licensing.common.IdempotencyRecord;
import com.partnerchannel.licensing.common.PageRequest;
import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.common.Transactions;
import com.partnerchannel.licensing.ordering.application.RequestOrder;
import com.partnerchannel.licensing.tenancy.model.Actor;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.testing.ApiGatewayEvents;
import com.partnerchannel.licensing.testing.InMemoryLicensing;
import com.partnerchannel.licensing.testing.SamTemplate;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static com.partnerchannel.licensing.testing.InMemoryLicensing.managerOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A conflicted POST is decided again after a jittered, growing wait, and refused 409 when conflicts go on. */
class CommandsBackoffTest {
    private final InMemoryLicensing licensing = new InMemoryLicensing();
    private final Company distributor = licensing.aDistributor();
    private final Company acme = licensing.aCustomerUnder(distributor, "premium");
    private final AtomicInteger conflictsToCome = new AtomicInteger();
    private final List<Duration> waits = new ArrayList<>();
    /** The in-memory transactions, with the next commits meeting another writer's, as DynamoDB's TransactionConflict. */
    private final Transactions contended = new Transactions() {
        @Override
        public void commit(List<Change> changes, Optional<IdempotencyRecord> record) {
            if (conflictsToCome.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new ConcurrentChange("another request changed the same items: TransactionConflict", null);
            }
            licensing.ports.transactions().commit(changes, record);
        }

        @Override
        public Optional<IdempotencyRecord> findRecord(String companyId, String userId, String key) {
            return licensing.ports.transactions().findRecord(companyId, userId, key);
        }
    };
    private final Commands commands = new Commands(contended, new Backoff(Backoff.BASE, Backoff.CAP, waits::add, () -> 0.999));

    @Test
    void aConflictedRequestWaitsALongerJitteredWhileBeforeEachNewAttemptAndThenSucceedsOnce() {
        conflictsToCome.set(Commands.MAX_ATTEMPTS - 1);

        APIGatewayV2HTTPResponse response = requestAnOrder();

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(waits).containsExactly(Duration.ofMillis(9), Duration.ofMillis(19), Duration.ofMillis(39));
        assertThat(orders()).isEqualTo(1);
    }

    @Test
    void conflictsOnEveryAttemptAreA409ProblemAndChangeNothing() {
        conflictsToCome.set(Commands.MAX_ATTEMPTS);

        assertThatThrownBy(this::requestAnOrder).isInstanceOfSatisfying(Problem.class,
                p -> {
                    assertThat(p.kind()).isEqualTo(Problem.Kind.CONFLICT);
                    assertThat(p.retryAfter()).contains(Problem.RETRY_CONFLICT_AFTER);
                });
        assertThat(waits).hasSize(Commands.MAX_ATTEMPTS - 1);
        assertThat(orders()).isZero();
    }

    @Test
    void aCommitWhoseAnswerWasLostAndWhoseResendConflictedStillDoesItsWorkAfterTheCommit() {
        AtomicInteger afterCommit = new AtomicInteger();
        AtomicInteger decided = new AtomicInteger();
        Commands resent = firstAnswerLost();
        Actor actor = managerOf(acme);

        APIGatewayV2HTTPResponse response = resent.run(keyed(actor), 200, () -> {
            // The first decision commits; deciding again meets the state it made, as an assignment does.
            if (decided.incrementAndGet() > 1) throw Problem.conflict("already done");
            return new Decision<>("done", List.of(), afterCommit::incrementAndGet);
        }, result -> Map.of("result", result));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(afterCommit).hasValue(1);
    }

    @Test
    void aCommitWhoseAnswerWasLostStillDoesItsWorkWhenTheNextAttemptFindsTheRecordTaken() {
        AtomicInteger afterCommit = new AtomicInteger();
        // As above, but the decision can be made again (nothing in the state refuses it): the second commit
        // meets the first one's idempotency record.
        Commands resent = firstAnswerLost();

        APIGatewayV2HTTPResponse response = resent.run(keyed(managerOf(acme)), 200,
                () -> new Decision<>("done", List.of(), afterCommit::incrementAndGet), result -> Map.of("result", result));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(afterCommit).hasValue(1);
    }

    /** Commands whose first commit lands but whose answer is lost, the SDK's resend meeting another writer: a ConcurrentChange. */
    private Commands firstAnswerLost() {
        AtomicInteger commits = new AtomicInteger();
        Transactions lostAnswer = new Transactions() {
            @Override
            public void commit(List<Change> changes, Optional<IdempotencyRecord> record) {
                licensing.ports.transactions().commit(changes, record);
                if (commits.incrementAndGet() == 1) {
                    throw new ConcurrentChange("another request changed the same items: TransactionConflict", null);
                }
            }

            @Override
            public Optional<IdempotencyRecord> findRecord(String companyId, String userId, String key) {
                return licensing.ports.transactions().findRecord(companyId, userId, key);
            }
        };
        return new Commands(lostAnswer, new Backoff(Backoff.BASE, Backoff.CAP, waits::add, () -> 0.999));
    }

    private ApiRequest keyed(Actor actor) {
        Map<String, String> claims = Map.of("sub", actor.userId().value(), "company_id", actor.companyId().value(),
                "role", actor.role().name());
        return new ApiRequest(ApiGatewayEvents.event(new ApiGatewayEvents.Match(
                new SamTemplate.Route("POST", "/companies/{companyId}/orders"), Map.of("companyId", acme.companyId().value())),
                "POST", "/companies/{companyId}/orders", null, Map.of("content-type", "application/json",
                        "idempotency-key", "lost-answer"), "{\"quantity\":5}", claims));
    }

    private APIGatewayV2HTTPResponse requestAnOrder() {
        Actor actor = managerOf(acme);
        Map<String, String> claims = Map.of("sub", actor.userId().value(), "company_id", actor.companyId().value(),
                "role", actor.role().name());
        ApiRequest request = new ApiRequest(ApiGatewayEvents.event(new ApiGatewayEvents.Match(
                new SamTemplate.Route("POST", "/companies/{companyId}/orders"), Map.of("companyId", acme.companyId().value())),
                "POST", "/companies/{companyId}/orders", null, Map.of("content-type", "application/json"), "{\"quantity\":5}", claims));
        return commands.run(request, 201, () -> licensing.licensing.requestingOrder.request(actor, acme.companyId(),
                RequestOrder.of(5)), order -> Map.of("orderId", order.orderId().value()));
    }

    private int orders() {
        return licensing.ports.orders().ofCompany(acme.companyId(), Optional.empty(), PageRequest.first(50)).items().size();
    }
}

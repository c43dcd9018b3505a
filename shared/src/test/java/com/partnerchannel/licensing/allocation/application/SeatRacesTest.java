package com.partnerchannel.licensing.allocation.application;

import com.partnerchannel.licensing.allocation.model.LearnerSource;
import com.partnerchannel.licensing.allocation.model.LearnerRole;
import com.partnerchannel.licensing.allocation.model.LicencePool;
import com.partnerchannel.licensing.common.Backoff;
import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.common.TimeBudget;
import com.partnerchannel.licensing.config.Licensing;
import com.partnerchannel.licensing.config.Ports;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.testing.InMemoryLicensing;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static com.partnerchannel.licensing.testing.InMemoryLicensing.managerOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Losing a seat race (another request took the pool's seats first, or DynamoDB cancelled the transaction
 * with TransactionConflict) is retried after a capped, fully jittered, growing wait; the retries stop when
 * they run out (409 with Retry-After) or when the invocation's time would not leave room for another
 * attempt (503 with Retry-After), and then nothing of the attempt is written.
 */
class SeatRacesTest {
    private final InMemoryLicensing fixtures = new InMemoryLicensing();
    private final Company distributor = fixtures.aDistributor();
    private final Company acme = fixtures.aCustomerUnder(distributor, "premium");
    private final LicencePool pool = fixtures.aPool(acme, distributor, 10);
    /** How many of the next seat-taking writes lose their race, as if another request had taken the seats. */
    private final AtomicInteger racesToLose = new AtomicInteger();
    /** How many of the next seat-taking writes commit and then lose their answer to a race lost on the retry. */
    private final AtomicInteger commitsToLose = new AtomicInteger();
    private final List<Duration> waits = new ArrayList<>();
    /** The invocation's remaining time, which the recorded waits use up. */
    private final AtomicLong remainingMillis = new AtomicLong();
    private final Backoff recording = new Backoff(Backoff.BASE, Backoff.CAP, wait -> {
        waits.add(wait);
        remainingMillis.addAndGet(-wait.toMillis());
    }, () -> 0.999);
    private final Licensing licensing = new Licensing(contended(fixtures.ports), fixtures.clock, recording);

    @Test
    void aNewLearnerWhoKeepsLosingItsSeatWaitsLongerEachTimeAndThenTakesOne() {
        racesToLose.set(3);

        AddedLearners added = add("ann@acme.test");

        assertThat(added.rows().get(0).outcome()).isEqualTo(AddedLearners.Outcome.created);
        assertThat(waits).containsExactly(Duration.ofMillis(9), Duration.ofMillis(19), Duration.ofMillis(39));
        assertThat(fixtures.learner(acme, "ann@acme.test").poolId()).contains(pool.poolId());
        assertThat(fixtures.pool(pool).allocated()).isEqualTo(2); // the manager's seat and Ann's
    }

    @Test
    void racesLostThroughEveryAttemptAreA409WithRetryAfterAndAddNobody() {
        racesToLose.set(Integer.MAX_VALUE);

        assertThatThrownBy(() -> add("ann@acme.test")).isInstanceOfSatisfying(Problem.class, problem -> {
            assertThat(problem.kind()).isEqualTo(Problem.Kind.CONFLICT);
            assertThat(problem.retryAfter()).contains(Problem.RETRY_CONFLICT_AFTER);
        });
        assertThat(waits).hasSize(63).last().isEqualTo(Duration.ofMillis(199)); // capped at 200 ms
        assertNobodyAdded();
    }

    @Test
    void whenTheInvocationsTimeWouldRunOutTheAddIsA503WithRetryAfterAndAddsNobody() {
        racesToLose.set(Integer.MAX_VALUE);
        remainingMillis.set(TimeBudget.RESERVE.toMillis() + 500);

        assertThatThrownBy(() -> TimeBudget.within(remainingMillis::get, () -> add("ann@acme.test")))
                .isInstanceOfSatisfying(Problem.class, problem -> {
                    assertThat(problem.kind()).isEqualTo(Problem.Kind.UNAVAILABLE);
                    assertThat(problem.retryAfter()).contains(Problem.RETRY_UNAVAILABLE_AFTER);
                });
        // 9 + 19 + 39 + 79 + 159 = 305 ms waited; the next wait (199) would leave less than the reserve.
        assertThat(waits).hasSize(5);
        assertThat(remainingMillis.get()).isGreaterThanOrEqualTo(TimeBudget.RESERVE.toMillis());
        assertNobodyAdded();
    }

    @Test
    void unlicensedLearnersSeatedByAnAssignmentRetryTheirRaceWithTheSameBackoff() {
        Company globex = fixtures.aCustomerUnder(distributor, "premium");
        fixtures.add(globex, "bo@globex.test", "cy@globex.test"); // no pool yet: unlicensed, the manager too
        racesToLose.set(2);

        fixtures.done(licensing.assigningOrder.assign(managerOf(distributor), fixtures.anOrder(globex, 5).orderId()));

        assertThat(waits).containsExactly(Duration.ofMillis(9), Duration.ofMillis(19));
        assertThat(fixtures.learner(globex, "bo@globex.test").holdsSeat()).isTrue();
        assertThat(fixtures.learner(globex, "cy@globex.test").holdsSeat()).isTrue();
    }

    /**
     * The write committed, its answer was lost, and DynamoDB cancelled the SDK's retry of it with
     * TransactionConflict (CI's run of 62d5b3a: a keyed add answered 200 "exists" for the learner it had
     * made). The next attempt of the same request meets its own learner: it is created, not "exists".
     */
    @Test
    void anAddWhoseCommitWasHiddenByALostRaceReportsItsLearnerCreatedOnce() {
        commitsToLose.set(1);

        AddedLearners added = add("ann@acme.test");

        assertThat(added.rows().get(0).outcome()).isEqualTo(AddedLearners.Outcome.created);
        assertThat(added.rows().get(0).learner().orElseThrow().learnerId())
                .isEqualTo(fixtures.learner(acme, "ann@acme.test").learnerId());
        assertThat(fixtures.pool(pool).allocated()).isEqualTo(2); // the manager's seat and Ann's, once
    }

    @Test
    void aDirectoryUserWhoseCommitWasHiddenByALostRaceIsTheOneCreated() {
        commitsToLose.set(1);
        var candidate = com.partnerchannel.licensing.allocation.model.Learner.newUser(
                new com.partnerchannel.licensing.tenancy.model.UserId("directory-user-1"), acme.companyId(),
                "bo@acme.test", "Bo", "Bell", LearnerRole.learner, LearnerSource.directory, fixtures.clock.instant());

        var learner = licensing.addingLearners.addOne(acme, candidate);

        assertThat(learner.learnerId()).isEqualTo(candidate.learnerId());
        assertThat(learner.holdsSeat()).isTrue();
        assertThat(fixtures.pool(pool).allocated()).isEqualTo(2);
    }

    private AddedLearners add(String email) {
        return licensing.addingLearners.add(managerOf(acme), acme.companyId(), new AddLearners(List.of(
                new AddLearners.Valid(email, "Ann", "Able", LearnerRole.learner)), LearnerSource.manual), Optional.empty());
    }

    private void assertNobodyAdded() {
        assertThat(fixtures.ports.learners().existingEmails(acme.companyId(), List.of("ann@acme.test"))).isEmpty();
        assertThat(fixtures.pool(pool).allocated()).isEqualTo(1);
    }

    /** The same ports, with the next seat-taking writes ({@code add}, {@code allocate}) losing their race. */
    private Ports contended(Ports ports) {
        Learners real = ports.learners();
        Learners racing = (Learners) Proxy.newProxyInstance(Learners.class.getClassLoader(), new Class<?>[]{Learners.class},
                (proxy, method, args) -> {
                    boolean takesSeats = method.getName().equals("add") || method.getName().equals("allocate");
                    if (method.getName().equals("add") && commitsToLose.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        method.invoke(real, args);
                        throw new Learners.SeatsTaken(null);
                    }
                    if (takesSeats && racesToLose.getAndUpdate(n -> n == Integer.MAX_VALUE ? n : Math.max(0, n - 1)) > 0) {
                        throw new Learners.SeatsTaken(null);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new Ports(ports.transactions(), ports.companies(), ports.orders(), racing, ports.pools(),
                ports.reservations(), ports.expiringLicences(), ports.noticeLedger(), ports.renewalImports(),
                ports.sentEmails(), ports.directoryTokens(), ports.outbox(), ports.undeliverableAddresses());
    }
}

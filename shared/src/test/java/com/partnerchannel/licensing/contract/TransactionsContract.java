package com.partnerchannel.licensing.contract;

import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.allocation.model.LicencePool;
import com.partnerchannel.licensing.allocation.model.LicenceStatus;
import com.partnerchannel.licensing.allocation.model.NewLearner;
import com.partnerchannel.licensing.allocation.model.NewPoolWithHolders;
import com.partnerchannel.licensing.common.Change;
import com.partnerchannel.licensing.common.IdempotencyRecord;
import com.partnerchannel.licensing.common.OrderId;
import com.partnerchannel.licensing.common.PoolId;
import com.partnerchannel.licensing.common.Transactions;
import com.partnerchannel.licensing.ordering.model.NewOrder;
import com.partnerchannel.licensing.ordering.model.Order;
import com.partnerchannel.licensing.ordering.model.OrderKind;
import com.partnerchannel.licensing.ordering.model.OrderStatus;
import com.partnerchannel.licensing.ordering.model.OrderTransition;
import com.partnerchannel.licensing.renewal.model.ImportId;
import com.partnerchannel.licensing.renewal.model.NewRenewalImport;
import com.partnerchannel.licensing.renewal.model.RenewalImport;
import com.partnerchannel.licensing.renewal.model.RenewalImportTransition;
import com.partnerchannel.licensing.renewal.model.Reanalysis;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.NewCompany;
import com.partnerchannel.licensing.tenancy.model.Plan;
import com.partnerchannel.licensing.tenancy.model.PlanUpgrade;
import com.partnerchannel.licensing.tenancy.model.UserId;
import com.partnerchannel.licensing.tenancy.model.Actor;
import com.partnerchannel.licensing.tenancy.model.Role;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Transactions}: all of a use case's changes commit, with the request's idempotency record, or none does. */
public abstract class TransactionsContract extends PortContract {

    private Order anOrder(Company customer) {
        return Order.requested(new OrderId(ids.next()), customer.companyId(), customer.path(), 5, OrderKind.new_,
                Optional.empty(), Optional.empty(), clock.instant(), new UserId("u1"), customer.companyId());
    }

    private IdempotencyRecord record(Company company, String key, String hash) {
        return new IdempotencyRecord(company.companyId().value(), "user-1", key, hash, 201, "{\"ok\":true}");
    }

    private static Actor manager(Company company) {
        return new Actor(company.managers().get(0).userId(), company.companyId(), Role.manager);
    }

    @Test
    void everyChangeOfACommitIsWritten() {
        Company customer = aCustomer(Plan.premium);
        Order order = anOrder(customer);
        Learner learner = newLearner(customer, "ann@acme.test").unlicensed();
        commit(new NewOrder(order), new NewLearner(learner));
        assertThat(ports.orders().get(order.orderId())).contains(order);
        assertThat(ports.learners().get(customer.companyId(), learner.learnerId())).contains(learner);
        assertThat(ports.learners().existingEmails(customer.companyId(), List.of("ann@acme.test")))
                .containsEntry("ann@acme.test", learner.learnerId());
    }

    @Test
    void aFailedConditionWritesNothingOfTheCommit() {
        Company customer = aCustomer(Plan.premium);
        Order order = anOrder(customer);
        Learner taken = anUnlicensedLearner(customer, "ann@acme.test");
        Learner twin = newLearner(customer, " ANN@acme.test").unlicensed();
        assertThatThrownBy(() -> commit(new NewOrder(order), new NewLearner(twin)))
                .isInstanceOf(Transactions.ConcurrentChange.class);
        assertThat(ports.orders().get(order.orderId())).isEmpty();
        assertThat(ports.learners().get(customer.companyId(), twin.learnerId())).isEmpty();
        assertThat(ports.learners().get(customer.companyId(), taken.learnerId())).contains(taken);
    }

    @Test
    void aNewItemThatExistsIsAConcurrentChange() {
        Company customer = aCustomer(Plan.premium);
        assertThatThrownBy(() -> commit(new NewCompany(customer))).isInstanceOf(Transactions.ConcurrentChange.class);
    }

    @Test
    void anOrderMovesOnlyFromTheStateItWasReadIn() {
        Company customer = aCustomer(Plan.premium);
        Order order = anOrder(customer);
        commit(new NewOrder(order));
        Order assigned = order.assign(new PoolId(ids.next()), new UserId("p1"), clock.instant());
        commit(new OrderTransition(assigned, OrderStatus.requested));
        Order rejected = order.reject("no budget", clock.instant());
        assertThatThrownBy(() -> commit(new OrderTransition(rejected, OrderStatus.requested)))
                .isInstanceOf(Transactions.ConcurrentChange.class);
        assertThat(ports.orders().get(order.orderId())).contains(assigned);
    }

    @Test
    void aPlanUpgradeHoldsOnlyWhileTheCompanyIsOnItsTrial() {
        Company trial = aCustomer(Plan.trial);
        Company upgraded = trial.upgradedAt(clock.instant());
        commit(new PlanUpgrade(upgraded));
        assertThat(ports.companies().get(trial.companyId())).contains(upgraded);
        assertThatThrownBy(() -> commit(new PlanUpgrade(upgraded.upgradedAt(clock.instant()))))
                .isInstanceOf(Transactions.ConcurrentChange.class);
    }

    @Test
    void anImportChangesOnlyAtTheVersionItWasReadAt() {
        Company customer = aCustomer(Plan.premium);
        RenewalImport started = RenewalImport.started(new ImportId(ids.next()), customer.companyId(), new UserId("u1"),
                clock.instant(), clock.instant().plus(Duration.ofHours(1)));
        commit(new NewRenewalImport(started));
        RenewalImport analysing = started.analysing(new Reanalysis("r1", "email", manager(customer), clock.instant()));
        commit(new RenewalImportTransition(analysing));
        assertThat(ports.renewalImports().get(customer.companyId(), started.importId())).contains(analysing);
        assertThatThrownBy(() -> commit(new RenewalImportTransition(started.analysing(new Reanalysis("r2", "mail", manager(customer), clock.instant())))))
                .isInstanceOf(Transactions.ConcurrentChange.class);
    }

    @Test
    void aRequestIsDoneOnceAndItsRecordAnswersTheRepeat() {
        Company customer = aCustomer(Plan.premium);
        Order first = anOrder(customer);
        IdempotencyRecord record = record(customer, "key-1", "hash-1");
        ports.transactions().commit(List.of(new NewOrder(first)), Optional.of(record));
        assertThat(ports.transactions().findRecord(customer.companyId().value(), "user-1", "key-1")).contains(record);

        Order repeat = anOrder(customer);
        assertThatThrownBy(() -> ports.transactions().commit(List.of(new NewOrder(repeat)), Optional.of(record)))
                .isInstanceOf(Transactions.RequestAlreadyDone.class);
        assertThat(ports.orders().get(repeat.orderId())).isEmpty();
        assertThat(ports.transactions().findRecord(customer.companyId().value(), "user-2", "key-1")).isEmpty();
    }

    @Test
    void aRecordCountsFor24Hours() {
        Company customer = aCustomer(Plan.premium);
        IdempotencyRecord record = record(customer, "key-1", "hash-1");
        ports.transactions().commit(List.of(), Optional.of(record));
        clock.advance(Duration.ofHours(24).minusSeconds(1));
        assertThat(ports.transactions().findRecord(customer.companyId().value(), "user-1", "key-1")).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(ports.transactions().findRecord(customer.companyId().value(), "user-1", "key-1")).isEmpty();
        IdempotencyRecord again = record(customer, "key-1", "hash-2");
        ports.transactions().commit(List.of(), Optional.of(again));
        assertThat(ports.transactions().findRecord(customer.companyId().value(), "user-1", "key-1")).contains(again);
    }

    @Test
    void aLargeResponseIsKeptWhole() {
        Company customer = aCustomer(Plan.premium);
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 60_000; i++) body.append("{\"row\":").append(i).append(",\"id\":\"").append(ids.next()).append("\"},");
        body.append("{}]");
        IdempotencyRecord record = new IdempotencyRecord(customer.companyId().value(), "user-1", "bulk", "h", 200,
                body.toString());
        ports.transactions().commit(List.of(), Optional.of(record));
        assertThat(ports.transactions().findRecord(customer.companyId().value(), "user-1", "bulk")).contains(record);
    }

    @Test
    void moreWritesThanOneTransactionHoldsAreRefusedBeforeAnyIsMade() {
        Company customer = aCustomer(Plan.premium);
        List<Change> changes = new ArrayList<>();
        // Two items a learner, and the company's counters: 50 learners are 101 items, 49 are 99.
        for (int i = 0; i < 50; i++) changes.add(new NewLearner(newLearner(customer, "l" + i + "@acme.test").unlicensed()));
        assertThatThrownBy(() -> ports.transactions().commit(changes, Optional.empty()))
                .isInstanceOf(IllegalStateException.class);
        assertThat(ports.learners().existingEmails(customer.companyId(), List.of("l0@acme.test"))).isEmpty();
        ports.transactions().commit(changes.subList(0, 49), Optional.empty());
        assertThat(ports.learners().existingEmails(customer.companyId(), List.of("l0@acme.test", "l48@acme.test")))
                .hasSize(2);
        assertCountsAreARecount(customer);
    }

    @Test
    void aNewPoolIsWrittenWithItsHoldersCountedAndOwesSeatsToNobody() {
        Company customer = aCustomer(Plan.premium);
        LicencePool empty = LicencePool.assigned(new PoolId(ids.next()), customer.companyId(), new OrderId(ids.next()), 7,
                clock.instant());
        NewPoolWithHolders.Seated seated = NewPoolWithHolders.seat(empty,
                List.of(newLearner(customer, "bill@initech.test"), newLearner(customer, "peter@initech.test")));

        commit(seated.pool());

        assertThat(ports.pools().ofCompany(customer.companyId())).singleElement()
                .satisfies(pool -> assertThat(pool.allocated()).isEqualTo(2));
        assertThat(ports.pools().owingSeats(customer.companyId())).isEmpty();
        for (Learner holder : seated.pool().holders()) {
            assertThat(ports.learners().get(customer.companyId(), holder.learnerId())).hasValueSatisfying(stored -> {
                assertThat(stored.recordedStatus()).contains(LicenceStatus.active);
                assertThat(stored.poolId()).contains(empty.poolId());
            });
        }
        assertThat(ports.learners().existingEmails(customer.companyId(), List.of("bill@initech.test", "peter@initech.test")))
                .hasSize(2);
    }

    @Test
    void aNewPoolWhoseHolderIsTakenIsNotWrittenNorAreTheOtherHolders() {
        Company customer = aCustomer(Plan.premium);
        anUnlicensedLearner(customer, "peter@initech.test");
        LicencePool empty = LicencePool.assigned(new PoolId(ids.next()), customer.companyId(), new OrderId(ids.next()), 7,
                clock.instant());
        NewPoolWithHolders.Seated seated = NewPoolWithHolders.seat(empty,
                List.of(newLearner(customer, "bill@initech.test"), newLearner(customer, "PETER@initech.test")));

        assertThatThrownBy(() -> commit(seated.pool())).isInstanceOf(Transactions.ConcurrentChange.class);
        assertThat(ports.pools().ofCompany(customer.companyId())).isEmpty();
        assertThat(ports.learners().existingEmails(customer.companyId(), List.of("bill@initech.test"))).isEmpty();
    }

    @Test
    void aLearnerWithASeatIsNotAddedThroughACommit() {
        Company customer = aCustomer(Plan.premium);
        Learner seated = newLearner(customer, "ann@acme.test").withSeat(aPool(customer, 3));
        assertThatThrownBy(() -> commit(new NewLearner(seated))).isInstanceOf(IllegalArgumentException.class);
    }
}

package com.partnerchannel.licensing.contract;

import com.partnerchannel.licensing.allocation.application.CountingLicences;
import com.partnerchannel.licensing.allocation.model.LearnerSource;
import com.partnerchannel.licensing.allocation.model.LearnerRole;
import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.allocation.model.LicenceCounts;
import com.partnerchannel.licensing.allocation.model.LicencePool;
import com.partnerchannel.licensing.allocation.model.NewLearner;
import com.partnerchannel.licensing.allocation.model.NewPool;
import com.partnerchannel.licensing.allocation.model.SeatTake;
import com.partnerchannel.licensing.common.Change;
import com.partnerchannel.licensing.common.Ids;
import com.partnerchannel.licensing.common.OrderId;
import com.partnerchannel.licensing.common.PoolId;
import com.partnerchannel.licensing.common.Ulids;
import com.partnerchannel.licensing.config.Ports;
import com.partnerchannel.licensing.memory.InMemoryPorts;
import com.partnerchannel.licensing.memory.InMemoryTable;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.CompanyKind;
import com.partnerchannel.licensing.tenancy.model.LearnerCounts;
import com.partnerchannel.licensing.tenancy.model.Manager;
import com.partnerchannel.licensing.tenancy.model.NewCompany;
import com.partnerchannel.licensing.tenancy.model.Plan;
import com.partnerchannel.licensing.tenancy.model.TreePath;
import com.partnerchannel.licensing.tenancy.model.UserId;
import com.partnerchannel.licensing.testing.LocalDynamoDb;
import com.partnerchannel.licensing.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every port contract starts from: a fresh set of ports (in memory, or on a fresh DynamoDB Local table),
 * a clock the test moves, and fixtures written through the ports themselves. A contract's assertions are in
 * its abstract class; {@code InMemory…ContractTest} and {@code Dynamo…ContractIT} only say which ports.
 */
public abstract class PortContract {
    protected final MutableClock clock = MutableClock.at("2026-03-01T09:00:00Z");
    protected final Ids ids = new Ulids(clock);
    protected Ports ports;

    /** The ports under test, new and empty. */
    protected abstract Ports freshPorts(Clock clock);

    @BeforeEach
    void startEmpty() {
        ports = freshPorts(clock);
    }

    static Ports inMemory(Clock clock) {
        return InMemoryPorts.over(new InMemoryTable(), clock);
    }

    static Ports onDynamoDbLocal(Clock clock) {
        return Ports.dynamo(LocalDynamoDb.client(), LocalDynamoDb.freshTable(), clock);
    }

    protected void commit(Change... changes) {
        ports.transactions().commit(List.of(changes), Optional.empty());
    }

    protected Company aPartner(String name) {
        CompanyId id = new CompanyId(ids.next());
        Company partner = new Company(id, name, CompanyKind.partner, Optional.empty(), TreePath.root(id), Optional.empty(),
                clock.instant(), Optional.empty(), List.of());
        commit(new NewCompany(partner));
        return partner;
    }

    protected Company aCustomerUnder(Company parent, String name, Plan plan) {
        CompanyId id = new CompanyId(ids.next());
        Company customer = new Company(id, name, CompanyKind.customer, Optional.of(parent.companyId()),
                parent.path().child(id), Optional.of(plan), clock.instant(),
                plan == Plan.trial ? Optional.of(clock.instant().plus(Duration.ofDays(Company.TRIAL_DAYS))) : Optional.empty(),
                List.of(new Manager(new UserId(ids.next()), "it@" + name.toLowerCase().replace(' ', '-') + ".test", "IT")));
        // A customer's item carries its licence counters from its creation, as CreatingCompany writes it.
        Company counted = customer.withLearnerCounts(LearnerCounts.none(clock.instant()));
        commit(new NewCompany(counted));
        return counted;
    }

    /**
     * The company's counts from its counters and pools are what counting its learners gives, now: the counters
     * are on its item, and every write kept them (docs/data-model.md, "Licence counts on the company item").
     */
    protected void assertCountsAreARecount(Company company) {
        Company stored = ports.companies().get(company.companyId()).orElseThrow();
        assertThat(stored.learnerCounts()).as("the counters of %s", company.name()).isPresent();
        CountingLicences counting = new CountingLicences(ports.pools(), ports.learners(), clock);
        LicenceCounts fromCounters = counting.of(stored).counts();
        LicenceCounts recounted = counting.of(withoutCounters(stored)).counts();
        assertThat(fromCounters).as("counts from the counters at %s", clock.instant()).isEqualTo(recounted);
    }

    protected static Company withoutCounters(Company company) {
        return new Company(company.companyId(), company.name(), company.kind(), company.parentId(), company.path(),
                company.plan(), company.createdAt(), company.trialEndsAt(), company.managers());
    }

    protected Company aCustomer(Plan plan) {
        return aCustomerUnder(aPartner("Partner"), "Customer", plan);
    }

    protected LicencePool aPool(Company company, int seats) {
        LicencePool pool = LicencePool.assigned(new PoolId(ids.next()), company.companyId(), new OrderId(ids.next()), seats,
                clock.instant());
        commit(new NewPool(pool));
        return pool;
    }

    protected Learner newLearner(Company company, String email) {
        return Learner.newUser(new UserId(ids.next()), company.companyId(), email, "First", "Last", LearnerRole.learner, LearnerSource.manual,
                clock.instant());
    }

    protected Learner anUnlicensedLearner(Company company, String email) {
        Learner learner = newLearner(company, email).unlicensed();
        commit(new NewLearner(learner));
        return learner;
    }

    protected Learner aTrialLearner(Company company, String email) {
        Learner learner = newLearner(company, email).withTrialLicence(company.trialEndsAt().orElseThrow());
        commit(new NewLearner(learner));
        return learner;
    }

    /** A learner seated in {@code pool}, as read from the ports afterwards. */
    protected Learner aSeatedLearner(Company company, String email, LicencePool pool) {
        LicencePool now = ports.pools().ofCompany(company.companyId()).stream()
                .filter(p -> p.poolId().equals(pool.poolId())).findFirst().orElseThrow();
        Learner learner = newLearner(company, email).withSeat(now);
        ports.learners().add(company.companyId(), List.of(learner), List.of(new SeatTake(now, 1)), clock.instant());
        return learner;
    }

    protected LicencePool poolNow(LicencePool pool) {
        return ports.pools().ofCompany(pool.companyId()).stream().filter(p -> p.poolId().equals(pool.poolId()))
                .findFirst().orElseThrow();
    }
}

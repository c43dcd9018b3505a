package com.partnerchannel.licensing.testing;

import com.partnerchannel.licensing.allocation.model.LearnerRole;
import com.partnerchannel.licensing.allocation.model.LearnerSource;
import com.partnerchannel.licensing.allocation.application.AddLearners;
import com.partnerchannel.licensing.allocation.application.AddedLearners;
import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.allocation.model.LicencePool;
import com.partnerchannel.licensing.common.Decision;
import com.partnerchannel.licensing.common.DomainEvent;
import com.partnerchannel.licensing.common.Publish;
import com.partnerchannel.licensing.common.Ulids;
import com.partnerchannel.licensing.config.Licensing;
import com.partnerchannel.licensing.config.Ports;
import com.partnerchannel.licensing.expiry.application.SweepingExpiries;
import com.partnerchannel.licensing.memory.InMemoryPorts;
import com.partnerchannel.licensing.memory.InMemoryTable;
import com.partnerchannel.licensing.onboarding.application.CreateCompany;
import com.partnerchannel.licensing.tenancy.model.Plan;
import com.partnerchannel.licensing.tenancy.model.CompanyKind;
import com.partnerchannel.licensing.ordering.application.RequestOrder;
import com.partnerchannel.licensing.ordering.model.Order;
import com.partnerchannel.licensing.tenancy.model.Actor;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.Role;
import com.partnerchannel.licensing.tenancy.model.UserId;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The licensing core over the in-memory adapters and a clock the test moves: the use cases exactly as the
 * handlers wire them, with no network, for rule tests that take milliseconds. Decisions commit as the
 * handlers commit them ({@link #done}); fixtures are made through the use cases themselves.
 */
public final class InMemoryLicensing {
    public static final Actor PLATFORM_ADMIN = new Actor(new UserId("platform-admin"), new CompanyId("PLATFORM"),
            Role.platform_admin);

    public final MutableClock clock;
    public final InMemoryTable table = new InMemoryTable();
    public final Ports ports;
    public final Licensing licensing;
    private int counter;

    public InMemoryLicensing() {
        this(MutableClock.at("2026-03-01T09:00:00Z"));
    }

    public InMemoryLicensing(MutableClock clock) {
        this.clock = clock;
        this.ports = InMemoryPorts.over(table, clock);
        this.licensing = new Licensing(ports, clock);
    }

    /** The nightly sweep over the same table and clock. */
    public SweepingExpiries sweeping() {
        return new SweepingExpiries(ports.expiringLicences(), ports.noticeLedger(), ports.companies(), new Ulids(clock), clock);
    }

    /** Commits the decision's changes together, then does its work after the commit, as a handler does. */
    public <T> T done(Decision<T> decision) {
        ports.transactions().commit(decision.changes(), Optional.empty());
        decision.afterCommit().run();
        return decision.result();
    }

    public Company aDistributor() {
        return done(licensing.creatingCompany.create(PLATFORM_ADMIN, new CreateCompany("Distributor " + ++counter,
                CompanyKind.partner, Optional.empty(), Optional.empty(),
                List.of(new CreateCompany.NewManager("boss" + counter + "@dist.test", "Dee Boss")), Optional.empty())))
                .company();
    }

    public Company aCustomerUnder(Company partner, String plan) {
        int n = ++counter;
        return done(licensing.creatingCompany.create(managerOf(partner), new CreateCompany("Customer " + n,
                CompanyKind.customer, Optional.of(partner.companyId()), Optional.ofNullable(plan).map(Plan::valueOf),
                List.of(new CreateCompany.NewManager("it" + n + "@customer.test", "Ada Admin")), Optional.empty())))
                .company();
    }

    /** The first manager named when the company was created, as a caller. */
    public static Actor managerOf(Company company) {
        return new Actor(company.managers().get(0).userId(), company.companyId(), Role.manager);
    }

    public Order anOrder(Company customer, int quantity) {
        return done(licensing.requestingOrder.request(managerOf(customer), customer.companyId(),
                RequestOrder.of(quantity)));
    }

    /** An order of the customer's, assigned by a manager of {@code partner}: a pool of {@code seats} from now. */
    public LicencePool aPool(Company customer, Company partner, int seats) {
        Order assigned = done(licensing.assigningOrder.assign(managerOf(partner), anOrder(customer, seats).orderId()));
        return ports.pools().ofCompany(customer.companyId()).stream()
                .filter(pool -> pool.poolId().equals(assigned.poolId().orElseThrow())).findFirst().orElseThrow();
    }

    public AddedLearners add(Company customer, String... emails) {
        return licensing.addingLearners.add(managerOf(customer), customer.companyId(), new AddLearners(Arrays.stream(emails)
                .map(email -> AddLearners.row(email, "First", "Last", LearnerRole.learner)).toList(),
                LearnerSource.manual), Optional.empty());
    }

    /** The learner of that email, as stored now. */
    public Learner learner(Company company, String email) {
        UserId id = ports.learners().existingEmails(company.companyId(), List.of(Learner.normalise(email)))
                .get(Learner.normalise(email));
        if (id == null) throw new AssertionError(email + " is not a user of " + company.name());
        return ports.learners().get(company.companyId(), id).orElseThrow();
    }

    public Company company(Company company) {
        return ports.companies().get(company.companyId()).orElseThrow();
    }

    public LicencePool pool(LicencePool pool) {
        return ports.pools().ofCompany(pool.companyId()).stream().filter(p -> p.poolId().equals(pool.poolId()))
                .findFirst().orElseThrow();
    }

    /** The events written to the outbox of this type, in order. */
    public List<DomainEvent> events(String type) {
        return table.events().stream().map(Publish::event).filter(event -> event.type().equals(type)).toList();
    }
}

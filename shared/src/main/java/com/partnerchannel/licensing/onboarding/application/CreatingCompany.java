package com.partnerchannel.licensing.onboarding.application;

import com.partnerchannel.licensing.tenancy.application.Companies;

import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.allocation.model.LearnerCounting;
import com.partnerchannel.licensing.allocation.model.LearnerRole;
import com.partnerchannel.licensing.allocation.model.LearnerSource;
import com.partnerchannel.licensing.allocation.model.LicencePool;
import com.partnerchannel.licensing.allocation.model.NewLearner;
import com.partnerchannel.licensing.allocation.model.NewPoolWithHolders;
import com.partnerchannel.licensing.common.Change;
import com.partnerchannel.licensing.common.Decision;
import com.partnerchannel.licensing.common.Ids;
import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.common.PoolId;
import com.partnerchannel.licensing.common.Publish;
import com.partnerchannel.licensing.ordering.model.NewOrder;
import com.partnerchannel.licensing.ordering.model.Order;
import com.partnerchannel.licensing.common.OrderId;
import com.partnerchannel.licensing.ordering.model.OrderAssigned;
import com.partnerchannel.licensing.ordering.model.OrderKind;
import com.partnerchannel.licensing.ordering.model.OrderRequested;
import com.partnerchannel.licensing.tenancy.model.Access;
import com.partnerchannel.licensing.tenancy.model.Actor;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.CompanyKind;
import com.partnerchannel.licensing.tenancy.model.LearnerCounts;
import com.partnerchannel.licensing.tenancy.model.Manager;
import com.partnerchannel.licensing.tenancy.model.NewCompany;
import com.partnerchannel.licensing.tenancy.model.Plan;
import com.partnerchannel.licensing.tenancy.model.TreePath;
import com.partnerchannel.licensing.tenancy.model.UserId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code POST /companies}: a platform admin creates top-level partners; a partner manager creates
 * companies under its own company or any company below it. A premium customer may come with its initial
 * order, from the partner's purchase order: its creator is above it, so the order is requested and
 * assigned at once, with its pool, in the same transaction as the company, and the managers take seats
 * of that pool (rules 3, 4 and 6).
 */
public final class CreatingCompany {
    private final Companies companies;
    private final Ids ids;
    private final Clock clock;

    public CreatingCompany(Companies companies, Ids ids, Clock clock) {
        this.companies = companies;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * {@code request} is read once the actor may create companies at all, so that a learner hears 403
     * whatever it sent, and a manager hears every problem of the request at once.
     */
    public Decision<CreatedCompany> create(Actor actor, Supplier<CreateCompany> request) {
        actor.requireManagerOrAdmin();
        return create(actor, request.get());
    }

    public Decision<CreatedCompany> create(Actor actor, CreateCompany request) {
        actor.requireManagerOrAdmin();
        String name = request.name();
        CompanyKind kind = request.kind();
        Plan plan = request.planOrDefault().orElse(null);
        Optional<Company> parent = parentOf(actor, request.parentId(), kind);
        Instant now = clock.instant();
        CompanyId id = new CompanyId(ids.next());
        TreePath path = parent.map(p -> p.path().child(id)).orElseGet(() -> TreePath.root(id));
        Optional<Instant> trialEndsAt = plan == Plan.trial
                ? Optional.of(now.plus(Duration.ofDays(Company.TRIAL_DAYS)))
                : Optional.empty();
        List<Manager> managers = new ArrayList<>();
        List<Learner> learners = new ArrayList<>();
        for (CreateCompany.NewManager input : request.managers()) {
            UserId userId = new UserId(ids.next());
            managers.add(new Manager(userId, input.email(), input.name()));
            learners.add(managerOf(id, kind, userId, input.email(), input.name(), trialEndsAt, now));
        }
        Company created = new Company(id, name, kind, parent.map(Company::companyId), path,
                Optional.ofNullable(plan), now, trialEndsAt, managers);
        List<Change> changes = new ArrayList<>();
        if (request.initialOrder().isEmpty()) {
            Company company = counted(created, learners, now);
            changes.add(new NewCompany(company));
            learners.forEach(learner -> changes.add(new NewLearner(learner)));
            return new Decision<>(new CreatedCompany(company, learners, Optional.empty()), changes);
        }
        CreateCompany.InitialOrder initialOrder = request.initialOrder().get();
        Order requested = Order.requested(new OrderId(ids.next()), id, path, initialOrder.quantity(), OrderKind.new_,
                initialOrder.purchaseOrderRef(), Optional.empty(), now,
                actor.userId(), actor.companyId());
        PoolId poolId = new PoolId(ids.next());
        Order assigned = requested.assign(poolId, actor.userId(), now);
        NewPoolWithHolders.Seated seated = NewPoolWithHolders.seat(
                LicencePool.assigned(poolId, id, assigned.orderId(), assigned.quantity(), now), learners);
        Company company = counted(created, seated.unlicensed(), now);
        changes.add(new NewCompany(company));
        changes.add(new NewOrder(assigned));
        changes.add(seated.pool());
        seated.unlicensed().forEach(learner -> changes.add(new NewLearner(learner)));
        changes.add(new Publish(ids.next(), new OrderRequested(requested, name,
                parent.map(p -> p.companyId().value()).orElse(null), true)));
        changes.add(new Publish(ids.next(), new OrderAssigned(assigned, seated.pool().pool(), name)));
        List<Learner> seatedManagers = new ArrayList<>(seated.pool().holders());
        seatedManagers.addAll(seated.unlicensed());
        return new Decision<>(new CreatedCompany(company, seatedManagers, Optional.of(assigned)), changes);
    }

    /**
     * A customer's item carries its licence counters from its creation, counting the managers created with it
     * without a seat (seated ones count in the pool's allocated): no other write in this transaction counts them.
     */
    private static Company counted(Company company, List<Learner> withoutSeats, Instant now) {
        if (!company.isCustomer()) return company;
        return company.withLearnerCounts(LearnerCounts.none(now).plus(LearnerCounting.ofAll(withoutSeats)));
    }

    private Optional<Company> parentOf(Actor actor, Optional<CompanyId> parentId, CompanyKind kind) {
        if (parentId.isEmpty() && actor.isPlatformAdmin()) {
            if (kind != CompanyKind.partner) {
                throw Problem.invalid("kind", "a top-level company must be a partner");
            }
            return Optional.empty();
        }
        CompanyId id = parentId.orElse(actor.companyId());
        Company parent = companies.get(id).orElseThrow(() -> Problem.notFound("company", id.value()));
        Access.requireVisible(actor, parent);
        if (!parent.isPartner()) {
            throw actor.companyId().equals(parent.companyId())
                    ? Problem.forbidden("customer managers cannot create companies")
                    : Problem.invalid("parentId", "company " + id + " is a customer; only partners have child companies");
        }
        return Optional.of(parent);
    }

    /**
     * A customer's managers are learners too: a trial licence, or unlicensed until seats are assigned
     * (a new customer has no pool yet). Partner managers hold no licence.
     */
    private static Learner managerOf(CompanyId companyId, CompanyKind kind, UserId userId, String email, String name,
                                     Optional<Instant> trialEndsAt, Instant now) {
        int space = name.indexOf(' ');
        String firstName = space < 0 ? name : name.substring(0, space);
        String lastName = space < 0 ? "" : name.substring(space + 1).trim();
        Learner manager = Learner.newUser(userId, companyId, email, firstName, lastName, LearnerRole.manager, LearnerSource.manual, now);
        if (kind != CompanyKind.customer) return manager;
        return trialEndsAt.map(manager::withTrialLicence).orElseGet(manager::unlicensed);
    }
}

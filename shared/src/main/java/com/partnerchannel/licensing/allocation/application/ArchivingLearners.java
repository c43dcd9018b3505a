package com.partnerchannel.licensing.allocation.application;

import com.partnerchannel.licensing.allocation.model.CompanyPools;
import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.allocation.model.LicencePool;
import com.partnerchannel.licensing.allocation.model.SeatPlan;
import com.partnerchannel.licensing.common.Backoff;
import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.tenancy.application.Companies;
import com.partnerchannel.licensing.tenancy.application.CompanyAccess;
import com.partnerchannel.licensing.tenancy.model.Actor;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.UserId;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Archiving a learner (a manager's choice, or its directory deactivating it) frees its seat for the
 * rest of the pool's validity and keeps the learner and its records; it then counts only as archived.
 * Restoring brings it back as a new learner comes (rule 6): a seat from the pool that expires soonest,
 * a trial licence while the trial runs, or unlicensed. Both are no-ops on a learner already so.
 * A company's managers may be archived too: that only frees their seat; they stay its managers.
 */
public final class ArchivingLearners {
    /** Each lost race means another request took seats or changed the learner. */
    private static final int MAX_ATTEMPTS = 64;

    private final CompanyAccess access;
    private final Learners learners;
    private final LicencePools pools;
    private final SeatingUnlicensed seatingUnlicensed;
    private final Clock clock;
    private final Backoff backoff;

    public ArchivingLearners(Companies companies, Learners learners, LicencePools pools,
                             SeatingUnlicensed seatingUnlicensed, Clock clock, Backoff backoff) {
        this.backoff = backoff;
        this.access = new CompanyAccess(companies);
        this.learners = learners;
        this.pools = pools;
        this.seatingUnlicensed = seatingUnlicensed;
        this.clock = clock;
    }

    public record Result(Company company, Learner learner, Instant now) {
    }

    public Result archive(Actor actor, CompanyId companyId, UserId learnerId) {
        actor.requireManagerOrAdmin();
        return archive(actor, access.customer(actor, companyId), learnerId);
    }

    /** The same, in a company the request read already ({@link CompanyAccess#customer(Actor, CompanyId)}). */
    public Result archive(Actor actor, Company customer, UserId learnerId) {
        actor.requireManagerOrAdmin();
        Company company = CompanyAccess.customer(actor, customer);
        return new Result(company, archive(company, learner(company.companyId(), learnerId)), clock.instant());
    }

    public Result restore(Actor actor, CompanyId companyId, UserId learnerId) {
        actor.requireManagerOrAdmin();
        return restore(actor, access.customer(actor, companyId), learnerId);
    }

    /** The same, in a company the request read already ({@link CompanyAccess#customer(Actor, CompanyId)}). */
    public Result restore(Actor actor, Company customer, UserId learnerId) {
        actor.requireManagerOrAdmin();
        Company company = CompanyAccess.customer(actor, customer);
        return new Result(company, restore(company, learner(company.companyId(), learnerId)), clock.instant());
    }

    /** Archives a learner the caller may act on already; answers it as it is now. */
    public Learner archive(Company company, Learner learner) {
        Learner current = learner;
        for (int attempt = 1; ; attempt++) {
            if (current.isArchived()) return current;
            Instant now = clock.instant();
            try {
                learners.allocate(company.companyId(), List.of(new Learners.Change(current, current.archived())),
                        List.of(), Optional.empty(), now);
                return current.archived().writtenAt(now);
            } catch (Learners.LearnersChanged e) {
                if (attempt == MAX_ATTEMPTS) throw busy(current);
                backoff.beforeRetry(attempt);
                current = learner(company.companyId(), current.learnerId());
            }
        }
    }

    /** Restores a learner the caller may act on already; a learner not archived is answered as it is. */
    public Learner restore(Company company, Learner learner) {
        if (!learner.isArchived()) return learner;
        // Learners waiting for seats an assignment owes them come first, as for any new learner.
        Optional<CompanyPools> read = seatingUnlicensed.settle(company);
        Learner current = learner;
        for (int attempt = 1; ; attempt++) {
            if (!current.isArchived()) return current;
            Instant now = clock.instant();
            List<LicencePool> free = company.isTrial() ? List.of()
                    : read.orElseGet(() -> pools.seating(company.companyId())).withFreeSeats(now);
            read = Optional.empty();
            SeatPlan plan = SeatPlan.take(1, free, now);
            Learner restored = AddingLearners.licence(company, current, plan, 0, now);
            try {
                learners.allocate(company.companyId(), List.of(new Learners.Change(current, restored)), plan.takes(),
                        Optional.empty(), now);
                return restored.writtenAt(now);
            } catch (Learners.SeatsTaken e) {
                if (attempt == MAX_ATTEMPTS) throw busy(current);
                backoff.beforeRetry(attempt);
            } catch (Learners.LearnersChanged e) {
                if (attempt == MAX_ATTEMPTS) throw busy(current);
                backoff.beforeRetry(attempt);
                current = learner(company.companyId(), current.learnerId());
            }
        }
    }

    private Learner learner(CompanyId companyId, UserId learnerId) {
        return learners.get(companyId, learnerId).filter(Learner::holdsLicences)
                .orElseThrow(() -> Problem.notFound("learner", learnerId.value()));
    }

    private static Problem busy(Learner learner) {
        return Problem.keptChanging("learner " + learner.learnerId() + " kept changing; try again");
    }
}

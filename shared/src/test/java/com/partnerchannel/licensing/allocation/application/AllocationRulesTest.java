package com.partnerchannel.licensing.allocation.application;

import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.allocation.model.LicencePool;
import com.partnerchannel.licensing.allocation.model.LicenceStatus;
import com.partnerchannel.licensing.allocation.model.LicenceType;
import com.partnerchannel.licensing.common.PageRequest;
import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.UserId;
import com.partnerchannel.licensing.testing.InMemoryLicensing;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static com.partnerchannel.licensing.testing.InMemoryLicensing.managerOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rules 2, 6, 7, 9 and 10 of docs/product.md, on the use cases over the in-memory adapters. */
class AllocationRulesTest {
    private final InMemoryLicensing licensing = new InMemoryLicensing();
    private final Company distributor = licensing.aDistributor();
    private final Company acme = licensing.aCustomerUnder(distributor, "premium");

    private LicenceStatus statusOf(Company company, String email) {
        return licensing.learner(company, email).statusAt(licensing.clock.instant(), licensing.company(company));
    }

    private Renewal renew(Company company, List<String> emails) {
        List<UserId> ids = emails.stream().map(email -> licensing.learner(company, email).learnerId()).toList();
        return licensing.licensing.renewingLicences.renew(managerOf(company), company.companyId(), Renew.learners(ids),
                Optional.empty());
    }

    private Renewal renewAllExpired(Company company) {
        return licensing.licensing.renewingLicences.renew(managerOf(company), company.companyId(), Renew.everyExpired(),
                Optional.empty());
    }

    @Test
    @DisplayName("rule 2: every learner added while the trial runs holds a trial licence that ends with it; later ones are unlicensed")
    void aTrialsLearnersHoldTrialLicencesEndingWithIt() {
        Company trial = licensing.aCustomerUnder(distributor, "trial");
        licensing.add(trial, "homer@globex.test");
        Learner homer = licensing.learner(trial, "homer@globex.test");
        assertThat(homer.licenceType()).contains(LicenceType.trial);
        assertThat(homer.endAt(trial)).isEqualTo(trial.trialEndsAt());
        assertThat(trial.trialEndsAt()).contains(trial.createdAt().plus(Duration.ofDays(30)));
        assertThat(statusOf(trial, trial.managers().get(0).email())).isEqualTo(LicenceStatus.active);

        licensing.clock.set(trial.trialEndsAt().orElseThrow());
        assertThat(statusOf(trial, "homer@globex.test")).isEqualTo(LicenceStatus.expired);
        licensing.add(trial, "frank@globex.test");
        assertThat(statusOf(trial, "frank@globex.test")).isEqualTo(LicenceStatus.unlicensed);
    }

    @Test
    @DisplayName("rule 6: a new learner takes a seat of the pool that expires soonest among those with a free seat")
    void aNewLearnerTakesASeatOfThePoolExpiringSoonest() {
        LicencePool first = licensing.aPool(acme, distributor, 2); // the manager takes one of its seats
        licensing.clock.advance(Duration.ofDays(30));
        LicencePool second = licensing.aPool(acme, distributor, 5);
        AddedLearners added = licensing.add(acme, "ann@acme.test", "bob@acme.test", "cy@acme.test");
        assertThat(added.count(AddedLearners.Outcome.created)).isEqualTo(3);
        assertThat(licensing.learner(acme, "ann@acme.test").poolId()).contains(first.poolId());
        assertThat(licensing.learner(acme, "bob@acme.test").poolId()).contains(second.poolId());
        assertThat(licensing.pool(first).allocated()).isEqualTo(2);
        assertThat(licensing.pool(second).allocated()).isEqualTo(2);
    }

    @Test
    @DisplayName("rule 6: with no seat free a learner is added unlicensed, and the unlicensed take seats oldest first at the next assignment")
    void unlicensedLearnersTakeSeatsOldestFirstWhenAnOrderIsAssigned() {
        licensing.aPool(acme, distributor, 1); // taken by the manager
        licensing.add(acme, "ann@acme.test");
        licensing.clock.advance(Duration.ofMinutes(1));
        licensing.add(acme, "bob@acme.test");
        licensing.clock.advance(Duration.ofMinutes(1));
        licensing.add(acme, "cy@acme.test");
        assertThat(statusOf(acme, "ann@acme.test")).isEqualTo(LicenceStatus.unlicensed);

        LicencePool pool = licensing.aPool(acme, distributor, 2);
        assertThat(licensing.learner(acme, "ann@acme.test").poolId()).contains(pool.poolId());
        assertThat(licensing.learner(acme, "bob@acme.test").poolId()).contains(pool.poolId());
        assertThat(statusOf(acme, "cy@acme.test")).isEqualTo(LicenceStatus.unlicensed);
        assertThat(licensing.ports.pools().owingSeats(acme.companyId())).isEmpty();
    }

    @Test
    @DisplayName("rule 6: a premium customer's managers start unlicensed and take seats when its first order is assigned")
    void aPremiumCustomersManagersWaitForItsFirstOrder() {
        String manager = acme.managers().get(0).email();
        assertThat(statusOf(acme, manager)).isEqualTo(LicenceStatus.unlicensed);
        licensing.aPool(acme, distributor, 3);
        assertThat(statusOf(acme, manager)).isEqualTo(LicenceStatus.active);
    }

    @Test
    @DisplayName("rule 6: emails are unique per company (trimmed, any case); invalid rows are reported and the valid ones go in")
    void rowsAreAnsweredOneByOne() {
        licensing.aPool(acme, distributor, 5);
        licensing.add(acme, "ann@acme.test");
        AddedLearners added = licensing.add(acme, " ANN@acme.test", "bob@acme.test", "Bob@Acme.test", "not-an-email");
        assertThat(added.rows()).extracting(AddedLearners.Row::outcome).containsExactly(AddedLearners.Outcome.exists,
                AddedLearners.Outcome.created, AddedLearners.Outcome.invalid, AddedLearners.Outcome.invalid);
        assertThatThrownBy(() -> licensing.add(acme, "not-an-email")).isInstanceOf(Problem.class);
    }

    @Test
    @DisplayName("rule 6: a bulk add of thousands goes in chunks that each fit one transaction")
    void aBulkAddFitsTheTransactions() {
        licensing.aPool(acme, distributor, 1000);
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 1500; i++) emails.add("l" + i + "@acme.test");
        AddedLearners added = licensing.add(acme, emails.toArray(String[]::new));
        assertThat(added.count(AddedLearners.Outcome.created)).isEqualTo(1500);
        assertThat(licensing.ports.learners().count(acme, licensing.clock.instant()))
                .containsEntry(LicenceStatus.active, 1000).containsEntry(LicenceStatus.unlicensed, 501);
    }

    @Test
    @DisplayName("rule 7: expired learners are never renewed by themselves; a manager renews chosen ones")
    void expiredLearnersWaitForAManager() {
        LicencePool pool = licensing.aPool(acme, distributor, 3);
        licensing.add(acme, "ann@acme.test", "bob@acme.test");
        licensing.clock.set(pool.expiresAt());
        licensing.aPool(acme, distributor, 5);
        assertThat(statusOf(acme, "ann@acme.test")).isEqualTo(LicenceStatus.expired);

        Renewal renewal = renew(acme, List.of("ann@acme.test"));
        assertThat(renewal.renewed()).extracting(Learner::email).containsExactly("ann@acme.test");
        assertThat(statusOf(acme, "ann@acme.test")).isEqualTo(LicenceStatus.active);
        assertThat(statusOf(acme, "bob@acme.test")).isEqualTo(LicenceStatus.expired);
    }

    @Test
    @DisplayName("rule 7: a renewal is all or nothing, and the refusal says how many seats are needed and free")
    void aRenewalIsAllOrNothing() {
        LicencePool pool = licensing.aPool(acme, distributor, 4);
        licensing.add(acme, "ann@acme.test", "bob@acme.test", "cy@acme.test");
        licensing.clock.set(pool.expiresAt());
        LicencePool fresh = licensing.aPool(acme, distributor, 2);
        assertThatThrownBy(() -> renewAllExpired(acme)).isInstanceOfSatisfying(Problem.class, problem -> {
            assertThat(problem.kind()).isEqualTo(Problem.Kind.INSUFFICIENT_SEATS);
            assertThat(problem.extensions()).containsEntry("needed", 4).containsEntry("free", 2);
        });
        assertThat(licensing.pool(fresh).allocated()).isZero();
        assertThat(licensing.ports.learners().count(acme, licensing.clock.instant())).containsEntry(LicenceStatus.expired, 4);
        assertThat(licensing.ports.reservations().openSince(acme.companyId(), licensing.clock.instant().plusSeconds(1))).isEmpty();
    }

    @Test
    @DisplayName("rule 7: a chosen learner who is already active is skipped and reported")
    void anActiveLearnerIsSkipped() {
        licensing.aPool(acme, distributor, 4);
        licensing.add(acme, "ann@acme.test");
        Renewal renewal = renew(acme, List.of("ann@acme.test"));
        assertThat(renewal.renewed()).isEmpty();
        assertThat(renewal.skipped()).extracting(Renewal.Skipped::reason).containsExactly("already active");
    }

    @Test
    @DisplayName("rule 7: renewing every expired learner at once moves them all to the new seats and frees the old")
    void renewingEveryExpiredLearner() {
        LicencePool pool = licensing.aPool(acme, distributor, 3);
        licensing.add(acme, "ann@acme.test", "bob@acme.test");
        licensing.clock.set(pool.expiresAt().plusSeconds(1));
        LicencePool fresh = licensing.aPool(acme, distributor, 10);
        Renewal renewal = renewAllExpired(acme);
        assertThat(renewal.renewed()).hasSize(3);
        assertThat(licensing.pool(fresh).allocated()).isEqualTo(3);
        assertThat(licensing.pool(pool).allocated()).isZero();
    }

    @Test
    @DisplayName("rule 9: deleting a learner frees its seat for another; managers cannot be deleted as learners")
    void deletingALearnerFreesItsSeat() {
        LicencePool pool = licensing.aPool(acme, distributor, 2);
        licensing.add(acme, "ann@acme.test", "bob@acme.test");
        assertThat(statusOf(acme, "bob@acme.test")).isEqualTo(LicenceStatus.unlicensed);
        UserId ann = licensing.learner(acme, "ann@acme.test").learnerId();
        licensing.licensing.deletingLearner.delete(managerOf(acme), acme.companyId(), ann);
        assertThat(licensing.pool(pool).allocated()).isEqualTo(1);
        assertThat(licensing.ports.learners().get(acme.companyId(), ann)).isEmpty();
        licensing.add(acme, "cy@acme.test");
        assertThat(licensing.learner(acme, "cy@acme.test").poolId()).contains(pool.poolId());

        UserId manager = acme.managers().get(0).userId();
        assertThatThrownBy(() -> licensing.licensing.deletingLearner.delete(managerOf(acme), acme.companyId(), manager))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.kind()).isEqualTo(Problem.Kind.CONFLICT));
        assertThatThrownBy(() -> licensing.licensing.deletingLearner.delete(managerOf(acme), acme.companyId(), ann))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.kind()).isEqualTo(Problem.Kind.NOT_FOUND));
    }

    @Test
    @DisplayName("rule 10: from expiresAt on, every read reports the licence expired and the pool gives no seat, with no run")
    void expiryNeedsNoNightlyRun() {
        LicencePool pool = licensing.aPool(acme, distributor, 5);
        licensing.add(acme, "ann@acme.test");
        licensing.clock.set(pool.expiresAt().minusMillis(1));
        assertThat(licensing.licensing.countingLicences.of(acme).counts().active()).isEqualTo(2);

        licensing.clock.set(pool.expiresAt());
        var overview = licensing.licensing.countingLicences.of(acme);
        assertThat(overview.counts().active()).isZero();
        assertThat(overview.counts().expired()).isEqualTo(2);
        assertThat(overview.counts().availableSeats()).isZero();
        assertThat(licensing.licensing.viewingLearners.list(managerOf(acme), acme.companyId(), "active", null,
                PageRequest.first(50)).page().items()).isEmpty();
        licensing.add(acme, "bob@acme.test");
        assertThat(statusOf(acme, "bob@acme.test")).isEqualTo(LicenceStatus.unlicensed);
        assertThat(licensing.learner(acme, "ann@acme.test").recordedStatus()).as("nothing was written")
                .contains(LicenceStatus.active);
    }
}

package com.partnerchannel.licensing.contract;

import com.partnerchannel.licensing.allocation.application.CountingLicences;
import com.partnerchannel.licensing.allocation.application.Learners;
import com.partnerchannel.licensing.allocation.application.Reservation;
import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.allocation.model.LearnerLicence;
import com.partnerchannel.licensing.allocation.model.LicencePool;
import com.partnerchannel.licensing.allocation.model.LicenceStatus;
import com.partnerchannel.licensing.allocation.model.SeatTake;
import com.partnerchannel.licensing.common.Page;
import com.partnerchannel.licensing.common.PageRequest;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.CompanyKind;
import com.partnerchannel.licensing.tenancy.model.NewCompany;
import com.partnerchannel.licensing.tenancy.model.PlanUpgrade;
import com.partnerchannel.licensing.tenancy.model.Plan;
import com.partnerchannel.licensing.tenancy.model.UserId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Learners}: seats move with learners in one write (a pool's {@code allocated} counts its holders),
 * each write holds only on the state it was decided on, and reads report a licence whose end has passed as
 * expired whatever was recorded (rule 10).
 */
public abstract class LearnersContract extends PortContract {

    private List<String> emails(List<Learner> learners) {
        return learners.stream().map(Learner::emailNormalised).toList();
    }

    private List<Learner> listed(Company company, Optional<LicenceStatus> status, Optional<String> q) {
        List<Learner> all = new ArrayList<>();
        Page<Learner> page = ports.learners().list(company, status, q, clock.instant(), PageRequest.first(2));
        all.addAll(page.items());
        while (page.nextCursor() != null) {
            page = ports.learners().list(company, status, q, clock.instant(), new PageRequest(2, page.nextCursor()));
            all.addAll(page.items());
        }
        return all;
    }

    @Test
    void addingLearnersTakesTheirSeatsAndClaimsTheirEmails() {
        Company acme = aCustomer(Plan.premium);
        LicencePool pool = aPool(acme, 3);
        Learner ann = newLearner(acme, "Ann@acme.test").withSeat(pool);
        Learner bob = newLearner(acme, "bob@acme.test").withSeat(pool);
        Learner cy = newLearner(acme, "cy@acme.test").unlicensed();
        ports.learners().add(acme.companyId(), List.of(ann, bob, cy), List.of(new SeatTake(pool, 2)), clock.instant());

        assertThat(poolNow(pool).allocated()).isEqualTo(2);
        assertThat(ports.learners().get(acme.companyId(), ann.learnerId())).contains(ann);
        assertThat(ports.learners().getAll(acme.companyId(), List.of(ann.learnerId(), cy.learnerId(), new UserId(ids.next()))))
                .containsExactlyInAnyOrder(ann, cy);
        assertThat(ports.learners().existingEmails(acme.companyId(), List.of("ann@acme.test", "dee@acme.test")))
                .isEqualTo(Map.of("ann@acme.test", ann.learnerId()));
    }

    @Test
    void anEmailTakenMeanwhileAddsNoneOfTheLearnersAndTakesNoSeat() {
        Company acme = aCustomer(Plan.premium);
        LicencePool pool = aPool(acme, 3);
        anUnlicensedLearner(acme, "ann@acme.test");
        Learner again = newLearner(acme, " ANN@acme.test").withSeat(pool);
        Learner bob = newLearner(acme, "bob@acme.test").withSeat(pool);
        assertThatThrownBy(() -> ports.learners().add(acme.companyId(), List.of(again, bob), List.of(new SeatTake(pool, 2)),
                clock.instant()))
                .isInstanceOfSatisfying(Learners.EmailsTaken.class, e -> assertThat(e.emails()).containsExactly("ann@acme.test"));
        assertThat(poolNow(pool).allocated()).isZero();
        assertThat(ports.learners().get(acme.companyId(), bob.learnerId())).isEmpty();
    }

    @Test
    void seatsTakenMeanwhileAddNothing() {
        Company acme = aCustomer(Plan.premium);
        LicencePool pool = aPool(acme, 2);
        aSeatedLearner(acme, "ann@acme.test", pool);
        // Decided on the pool as it was read before Ann took her seat: two free, but one is left.
        Learner bob = newLearner(acme, "bob@acme.test").withSeat(pool);
        Learner cy = newLearner(acme, "cy@acme.test").withSeat(pool);
        assertThatThrownBy(() -> ports.learners().add(acme.companyId(), List.of(bob, cy), List.of(new SeatTake(pool, 2)),
                clock.instant())).isInstanceOf(Learners.SeatsTaken.class);
        assertThat(poolNow(pool).allocated()).isEqualTo(1);
        assertThat(ports.learners().get(acme.companyId(), bob.learnerId())).isEmpty();
    }

    @Test
    void anExpiredPoolGivesNoSeat() {
        Company acme = aCustomer(Plan.premium);
        LicencePool pool = aPool(acme, 2);
        clock.set(pool.expiresAt());
        Learner ann = newLearner(acme, "ann@acme.test").withSeat(pool);
        assertThatThrownBy(() -> ports.learners().add(acme.companyId(), List.of(ann), List.of(new SeatTake(pool, 1)),
                clock.instant())).isInstanceOf(Learners.SeatsTaken.class);
    }

    @Test
    void allocatingMovesTheSeatsWithTheLearnersAndGivesBackTheSeatsTheyLeave() {
        Company acme = aCustomer(Plan.premium);
        LicencePool old = aPool(acme, 2);
        Learner ann = aSeatedLearner(acme, "ann@acme.test", old);
        Learner bob = anUnlicensedLearner(acme, "bob@acme.test");
        clock.advance(Duration.ofDays(300));
        LicencePool fresh = aPool(acme, 5);
        ports.learners().allocate(acme.companyId(), List.of(new Learners.Change(ann, ann.withSeat(fresh)),
                new Learners.Change(bob, bob.withSeat(fresh))), List.of(new SeatTake(fresh, 2)), Optional.empty(), clock.instant());
        assertThat(poolNow(fresh).allocated()).isEqualTo(2);
        assertThat(poolNow(old).allocated()).isZero();
        assertThat(ports.learners().get(acme.companyId(), bob.learnerId()).orElseThrow().poolId()).contains(fresh.poolId());
    }

    @Test
    void allocatingRecordsThePoolsSettledInTheSameTransaction() {
        Company acme = aCustomer(Plan.premium);
        LicencePool giving = aPool(acme, 1);
        LicencePool full = aPool(acme, 0);
        Learner bob = anUnlicensedLearner(acme, "bob@acme.test");
        ports.learners().allocate(acme.companyId(), List.of(new Learners.Change(bob, bob.withSeat(giving))),
                List.of(new SeatTake(giving, 1)), Optional.empty(), clock.instant(), List.of(giving, full));
        assertThat(ports.pools().owingSeats(acme.companyId())).isEmpty();
        assertThat(poolNow(giving).allocated()).isEqualTo(1);
        assertThat(poolNow(full).allocated()).isZero();
    }

    @Test
    void anAllocationRefusedSettlesNothing() {
        Company acme = aCustomer(Plan.premium);
        LicencePool pool = aPool(acme, 5);
        Learner bob = anUnlicensedLearner(acme, "bob@acme.test");
        ports.learners().allocate(acme.companyId(), List.of(new Learners.Change(bob, bob.withSeat(pool))),
                List.of(new SeatTake(pool, 1)), Optional.empty(), clock.instant());
        assertThatThrownBy(() -> ports.learners().allocate(acme.companyId(), List.of(new Learners.Change(bob,
                        bob.withSeat(pool))), List.of(new SeatTake(poolNow(pool), 1)), Optional.empty(), clock.instant(),
                List.of(pool))).isInstanceOf(Learners.LearnersChanged.class);
        assertThat(ports.pools().owingSeats(acme.companyId())).extracting(LicencePool::poolId).containsExactly(pool.poolId());
    }

    @Test
    void aLearnerChangedMeanwhileIsNamedAndNothingIsAllocated() {
        Company acme = aCustomer(Plan.premium);
        LicencePool pool = aPool(acme, 5);
        Learner bob = anUnlicensedLearner(acme, "bob@acme.test");
        Learner cy = anUnlicensedLearner(acme, "cy@acme.test");
        ports.learners().allocate(acme.companyId(), List.of(new Learners.Change(bob, bob.withSeat(pool))),
                List.of(new SeatTake(pool, 1)), Optional.empty(), clock.instant());
        LicencePool asRead = poolNow(pool);
        assertThatThrownBy(() -> ports.learners().allocate(acme.companyId(), List.of(new Learners.Change(bob,
                        bob.withSeat(asRead)), new Learners.Change(cy, cy.withSeat(asRead))), List.of(new SeatTake(asRead, 2)),
                Optional.empty(), clock.instant()))
                .isInstanceOfSatisfying(Learners.LearnersChanged.class, e -> assertThat(e.learners()).containsExactly(bob.learnerId()));
        assertThat(poolNow(pool).allocated()).isEqualTo(1);
        assertThat(ports.learners().get(acme.companyId(), cy.learnerId())).contains(cy);
    }

    @Test
    void allocatingFromAReservationUsesItsSeatsNotThePools() {
        Company acme = aCustomer(Plan.premium);
        LicencePool pool = aPool(acme, 3);
        Learner bob = anUnlicensedLearner(acme, "bob@acme.test");
        Learner cy = anUnlicensedLearner(acme, "cy@acme.test");
        Reservation reservation = ports.reservations().reserve(acme.companyId(), "R1-" + ids.next(),
                List.of(new SeatTake(pool, 1)), clock.instant());
        ports.learners().allocate(acme.companyId(), List.of(new Learners.Change(bob, bob.withSeat(pool))),
                List.of(new SeatTake(pool, 1)), Optional.of(reservation), clock.instant());
        assertThat(poolNow(pool).allocated()).isEqualTo(1);
        assertThat(ports.reservations().get(acme.companyId(), reservation.reservationId()).orElseThrow().unused(pool.poolId()))
                .isZero();
        assertThatThrownBy(() -> ports.learners().allocate(acme.companyId(), List.of(new Learners.Change(cy, cy.withSeat(pool))),
                List.of(new SeatTake(pool, 1)), Optional.of(reservation), clock.instant()))
                .isInstanceOf(IllegalStateException.class);
        assertThat(ports.learners().get(acme.companyId(), cy.learnerId())).contains(cy);
    }

    @Test
    void anAddOfAsManyLearnersAsItSaysFitCommitsWholeAndOneMoreIsRefusedWritingNothing() {
        Company acme = aCustomer(Plan.premium);
        LicencePool one = aPool(acme, 200);
        LicencePool two = aPool(acme, 200);
        int most = ports.learners().mostAddedAtOnce(1);
        List<Learner> tooMany = seatedIn(acme, one, most + 1);
        assertThatThrownBy(() -> ports.learners().add(acme.companyId(), tooMany, List.of(new SeatTake(one, most + 1)),
                clock.instant())).isInstanceOf(IllegalStateException.class);
        assertThat(poolNow(one).allocated()).isZero();
        assertThat(ports.learners().getAll(acme.companyId(), idsOf(tooMany))).isEmpty();

        List<Learner> fit = tooMany.subList(0, most);
        ports.learners().add(acme.companyId(), fit, List.of(new SeatTake(one, most)), clock.instant());
        assertThat(poolNow(one).allocated()).isEqualTo(most);
        assertThat(ports.learners().getAll(acme.companyId(), idsOf(fit))).hasSize(most);

        // Seats from two pools leave room for fewer learners; one left unlicensed changes the company's counters.
        int fromTwo = ports.learners().mostAddedAtOnce(2);
        assertThat(fromTwo).isLessThanOrEqualTo(most);
        List<Learner> split = new ArrayList<>(seatedIn(acme, poolNow(one), 1));
        split.add(newLearner(acme, "waiting@acme.test").unlicensed());
        split.addAll(seatedIn(acme, two, fromTwo - 1));
        assertThatThrownBy(() -> ports.learners().add(acme.companyId(), split, List.of(new SeatTake(poolNow(one), 1),
                new SeatTake(two, fromTwo - 1)), clock.instant())).isInstanceOf(IllegalStateException.class);
        List<Learner> splitFit = split.subList(0, fromTwo);
        ports.learners().add(acme.companyId(), splitFit, List.of(new SeatTake(poolNow(one), 1),
                new SeatTake(two, fromTwo - 2)), clock.instant());
        assertThat(ports.learners().getAll(acme.companyId(), idsOf(splitFit))).hasSize(fromTwo);
        assertCountsAreARecount(acme);
    }

    @Test
    void anAllocationFromAReservationOfAsManyLearnersAsItSaysFitCommitsWholeAndOneMoreIsRefused() {
        Company acme = aCustomer(Plan.premium);
        LicencePool old = aPool(acme, 200);
        int most = ports.learners().mostAllocatedFromReservation(1);
        List<Learner> seated = new ArrayList<>();
        while (seated.size() < most + 1) {
            int part = Math.min(ports.learners().mostAddedAtOnce(1), most + 1 - seated.size());
            List<Learner> learners = seatedIn(acme, poolNow(old), part);
            ports.learners().add(acme.companyId(), learners, List.of(new SeatTake(poolNow(old), part)), clock.instant());
            seated.addAll(learners);
        }
        clock.set(old.expiresAt().plus(Duration.ofDays(1)));
        LicencePool fresh = aPool(acme, 200);
        Reservation reservation = ports.reservations().reserve(acme.companyId(), "R1-" + ids.next(),
                List.of(new SeatTake(fresh, most + 1)), clock.instant());
        List<Learners.Change> renewals = seated.stream().map(l -> new Learners.Change(l, l.withSeat(fresh))).toList();

        assertThatThrownBy(() -> ports.learners().allocate(acme.companyId(), renewals, List.of(new SeatTake(fresh, most + 1)),
                Optional.of(reservation), clock.instant())).isInstanceOf(IllegalStateException.class);
        assertThat(poolNow(old).allocated()).isEqualTo(most + 1);

        ports.learners().allocate(acme.companyId(), renewals.subList(0, most), List.of(new SeatTake(fresh, most)),
                Optional.of(reservation), clock.instant());
        assertThat(poolNow(old).allocated()).isEqualTo(1);
        assertThat(ports.reservations().get(acme.companyId(), reservation.reservationId()).orElseThrow().unused(fresh.poolId()))
                .isEqualTo(1);
    }

    private List<Learner> seatedIn(Company company, LicencePool pool, int count) {
        List<Learner> learners = new ArrayList<>();
        for (int i = 0; i < count; i++) learners.add(newLearner(company, "l" + ids.next() + "@acme.test").withSeat(pool));
        return learners;
    }

    private static List<UserId> idsOf(List<Learner> learners) {
        return learners.stream().map(Learner::learnerId).toList();
    }

    @Test
    void deletingALearnerFreesItsSeatAndItsEmailOnce() {
        Company acme = aCustomer(Plan.premium);
        LicencePool pool = aPool(acme, 2);
        Learner ann = aSeatedLearner(acme, "ann@acme.test", pool);
        ports.learners().delete(ann);
        assertThat(poolNow(pool).allocated()).isZero();
        assertThat(ports.learners().get(acme.companyId(), ann.learnerId())).isEmpty();
        assertThat(ports.learners().existingEmails(acme.companyId(), List.of("ann@acme.test"))).isEmpty();
        assertThatThrownBy(() -> ports.learners().delete(ann)).isInstanceOf(Learners.LearnersChanged.class);
        assertThat(poolNow(pool).allocated()).isZero();
    }

    @Test
    void aLearnerReadBeforeItMovedToAnotherPoolIsNotDeleted() {
        Company acme = aCustomer(Plan.premium);
        LicencePool first = aPool(acme, 2);
        Learner ann = aSeatedLearner(acme, "ann@acme.test", first);
        aSeatedLearner(acme, "bob@acme.test", first);
        LicencePool second = aPool(acme, 2);
        ports.learners().allocate(acme.companyId(), List.of(new Learners.Change(ann, ann.withSeat(second))),
                List.of(new SeatTake(second, 1)), Optional.empty(), clock.instant());
        assertThatThrownBy(() -> ports.learners().delete(ann)).isInstanceOf(Learners.LearnersChanged.class);
        assertThat(poolNow(first).allocated()).as("Bob's seat").isEqualTo(1);
        assertThat(poolNow(second).allocated()).isEqualTo(1);
        assertThat(ports.learners().get(acme.companyId(), ann.learnerId())).isPresent();
    }

    @Test
    void readsReportALicenceWhoseEndHasPassedAsExpiredWithoutAnyWrite() {
        Company acme = aCustomer(Plan.premium);
        LicencePool pool = aPool(acme, 5);
        Learner ann = aSeatedLearner(acme, "ann@acme.test", pool);
        Learner bob = anUnlicensedLearner(acme, "bob@acme.test");
        assertThat(ports.learners().count(acme, clock.instant())).isEqualTo(Map.of(LicenceStatus.active, 1,
                LicenceStatus.expired, 0, LicenceStatus.unlicensed, 1, LicenceStatus.archived, 0));
        clock.set(pool.expiresAt().minusMillis(1));
        assertThat(listed(acme, Optional.of(LicenceStatus.active), Optional.empty())).containsExactly(ann);
        clock.set(pool.expiresAt());
        assertThat(listed(acme, Optional.of(LicenceStatus.active), Optional.empty())).isEmpty();
        assertThat(listed(acme, Optional.of(LicenceStatus.expired), Optional.empty())).containsExactly(ann);
        assertThat(ports.learners().all(acme, LicenceStatus.expired, clock.instant())).containsExactly(ann);
        assertThat(ports.learners().all(acme, LicenceStatus.unlicensed, clock.instant())).containsExactly(bob);
        assertThat(ports.learners().count(acme, clock.instant())).isEqualTo(Map.of(LicenceStatus.active, 0,
                LicenceStatus.expired, 1, LicenceStatus.unlicensed, 1, LicenceStatus.archived, 0));
    }

    @Test
    void aTrialLicenceEndsWithTheTrial() {
        Company trial = aCustomer(Plan.trial);
        Learner ann = aTrialLearner(trial, "ann@globex.test");
        assertThat(ports.learners().all(trial, LicenceStatus.active, clock.instant())).containsExactly(ann);
        clock.set(trial.trialEndsAt().orElseThrow());
        assertThat(ports.learners().all(trial, LicenceStatus.active, clock.instant())).isEmpty();
        assertThat(ports.learners().all(trial, LicenceStatus.expired, clock.instant())).containsExactly(ann);
        Company upgraded = trial.upgradedAt(trial.createdAt().plus(Duration.ofDays(2)));
        clock.set(trial.createdAt().plus(Duration.ofDays(3)));
        assertThat(ports.learners().all(upgraded, LicenceStatus.expired, clock.instant())).containsExactly(ann);
    }

    @Test
    void listsComeOldestFirstPageByPageAndFindByPartOfTheEmailOrName() {
        Company acme = aCustomer(Plan.premium);
        LicencePool pool = aPool(acme, 10);
        List<Learner> seated = new ArrayList<>();
        for (String name : List.of("ann", "bob", "cy", "dee", "eve")) {
            seated.add(aSeatedLearner(acme, name + "@acme.test", pool));
            clock.advance(Duration.ofSeconds(1));
        }
        Learner fay = anUnlicensedLearner(acme, "fay@acme.test");
        assertThat(emails(listed(acme, Optional.of(LicenceStatus.active), Optional.empty())))
                .containsExactly("ann@acme.test", "bob@acme.test", "cy@acme.test", "dee@acme.test", "eve@acme.test");
        assertThat(listed(acme, Optional.empty(), Optional.empty())).hasSize(6).contains(fay);
        assertThat(emails(listed(acme, Optional.empty(), Optional.of("ev")))).containsExactly("eve@acme.test");
        assertThat(emails(listed(acme, Optional.of(LicenceStatus.active), Optional.of("first last")))).hasSize(5);
        assertThat(ports.learners().unlicensedNow(acme.companyId())).containsExactly(fay);
    }

    @Test
    void unlicensedLearnersWaitOldestFirst() {
        Company acme = aCustomer(Plan.premium);
        Learner first = anUnlicensedLearner(acme, "zed@acme.test");
        clock.advance(Duration.ofMillis(1));
        Learner second = anUnlicensedLearner(acme, "amy@acme.test");
        assertThat(ports.learners().unlicensedNow(acme.companyId())).containsExactly(first, second);
        assertThat(ports.learners().unlicensedNow(aCustomer(Plan.premium).companyId())).isEmpty();
        assertThat(Set.copyOf(ports.learners().all(acme, LicenceStatus.unlicensed, clock.instant()))).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void anArchivedLearnerGivesItsSeatBackAndIsListedAndCountedApart() {
        Company acme = aCustomer(Plan.premium);
        LicencePool pool = aPool(acme, 2);
        Learner ann = aSeatedLearner(acme, "ann@acme.test", pool);

        ports.learners().allocate(acme.companyId(), List.of(new Learners.Change(ann, ann.archived())), List.of(),
                Optional.empty(), clock.instant());

        assertThat(poolNow(pool).allocated()).isZero();
        Learner archived = ports.learners().get(acme.companyId(), ann.learnerId()).orElseThrow();
        assertThat(archived.isArchived()).isTrue();
        assertThat(archived.poolId()).isEmpty();
        assertThat(archived.updatedAt()).contains(clock.instant());
        assertThat(ports.learners().all(acme, LicenceStatus.archived, clock.instant())).extracting(Learner::learnerId)
                .containsExactly(ann.learnerId());
        assertThat(ports.learners().all(acme, LicenceStatus.active, clock.instant())).isEmpty();
        assertThat(ports.learners().count(acme, clock.instant())).containsEntry(LicenceStatus.archived, 1)
                .containsEntry(LicenceStatus.active, 0);
    }

    @Test
    void changingDetailsMovesTheEmailClaimAndRefusesAnEmailTakenOrALearnerChanged() {
        Company acme = aCustomer(Plan.premium);
        Learner ann = anUnlicensedLearner(acme, "ann@acme.test");
        anUnlicensedLearner(acme, "bob@acme.test");

        Learner renamed = ann.withDetails("Ann.Other@acme.test", "Ann", "Other", Optional.of("ext-1"));
        ports.learners().changeDetails(ann, renamed, clock.instant());

        assertThat(ports.learners().existingEmails(acme.companyId(), List.of("ann@acme.test", "ann.other@acme.test")))
                .containsOnlyKeys("ann.other@acme.test");
        assertThat(ports.learners().withExternalId(acme.companyId(), "ext-1")).extracting(Learner::learnerId)
                .containsExactly(ann.learnerId());
        assertThat(ports.learners().everyone(acme.companyId())).hasSize(2);
        Learner stored = ports.learners().get(acme.companyId(), ann.learnerId()).orElseThrow();
        assertThatThrownBy(() -> ports.learners().changeDetails(stored,
                stored.withDetails("bob@acme.test", "Ann", "Other", Optional.empty()), clock.instant()))
                .isInstanceOf(Learners.EmailsTaken.class);
        assertThatThrownBy(() -> ports.learners().changeDetails(ann.archived(), ann, clock.instant()))
                .isInstanceOf(Learners.LearnersChanged.class);
    }

    private List<LearnerLicence> withEmails(Company company, String... emails) {
        List<LearnerLicence> found = new ArrayList<>();
        ports.learners().withEmails(company.companyId(), List.of(emails), found::add);
        return found;
    }

    @Test
    void aFileNamingMostOfTheCompanyFindsEachUserByTheirEmailNowOnceAndNobodyElse() {
        Company acme = aCustomer(Plan.premium);
        LicencePool pool = aPool(acme, 2);
        Learner ann = aSeatedLearner(acme, "Ann@acme.test", pool);
        Learner bob = anUnlicensedLearner(acme, "bob@acme.test");
        Learner cy = aSeatedLearner(acme, "cy@acme.test", pool);
        ports.learners().allocate(acme.companyId(), List.of(new Learners.Change(cy, cy.archived())), List.of(),
                Optional.empty(), clock.instant());
        Learner dee = anUnlicensedLearner(acme, "dee@acme.test");
        ports.learners().changeDetails(dee, dee.withDetails("Dee.New@acme.test", "Dee", "New", Optional.empty()),
                clock.instant());
        Company other = aCustomer(Plan.premium);
        anUnlicensedLearner(other, "eve@acme.test");

        List<LearnerLicence> found = withEmails(acme, "ann@acme.test", "bob@acme.test", "cy@acme.test", "dee@acme.test",
                "dee.new@acme.test", "eve@acme.test", "nobody@acme.test");

        assertThat(found).extracting(LearnerLicence::learnerId)
                .containsExactlyInAnyOrder(ann.learnerId(), bob.learnerId(), cy.learnerId(), dee.learnerId());
        assertThat(found).filteredOn(l -> l.learnerId().equals(cy.learnerId())).singleElement()
                .satisfies(l -> assertThat(l.isArchived()).isTrue());
        assertThat(found).filteredOn(l -> l.learnerId().equals(dee.learnerId())).singleElement()
                .satisfies(l -> assertThat(l.emailNormalised()).isEqualTo("dee.new@acme.test"));
        assertThat(found).filteredOn(l -> l.learnerId().equals(ann.learnerId())).singleElement().isEqualTo(ann.licence());
        assertThat(withEmails(acme)).isEmpty();
    }

    @Test
    void aFewEmailsOfALargeCompanyFindTheSameUsersAsWhenMostAreAsked() {
        Company acme = aCustomer(Plan.premium);
        List<Learner> stored = new ArrayList<>();
        for (int chunk = 0; chunk < 4; chunk++) {
            List<Learner> learners = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                learners.add(newLearner(acme, "l" + (chunk * 40 + i) + "@acme.test").unlicensed());
            }
            ports.learners().add(acme.companyId(), learners, List.of(), clock.instant());
            stored.addAll(learners);
            clock.advance(Duration.ofMillis(1));
        }

        // The newest learners sort last: a first page of the company's users holds none of them.
        assertThat(withEmails(acme, "l157@acme.test", "l159@acme.test", "l158@acme.test", "nobody@acme.test"))
                .extracting(LearnerLicence::learnerId)
                .containsExactlyInAnyOrder(stored.get(157).learnerId(), stored.get(158).learnerId(), stored.get(159).learnerId());
        List<String> all = new ArrayList<>(stored.stream().map(Learner::emailNormalised).toList());
        all.add("nobody@acme.test");
        assertThat(withEmails(acme, all.toArray(String[]::new))).extracting(LearnerLicence::learnerId)
                .containsExactlyInAnyOrderElementsOf(stored.stream().map(Learner::learnerId).toList());
    }

    @Test
    void theLearnersOfIdsAreHandedOnceEachWhetherAFewOrMostOfTheCompanyAreNamed() {
        Company acme = aCustomer(Plan.premium);
        List<Learner> stored = new ArrayList<>();
        for (int i = 0; i < 40; i++) stored.add(newLearner(acme, "l" + i + "@acme.test").unlicensed());
        ports.learners().add(acme.companyId(), stored, List.of(), clock.instant());
        Learner eve = anUnlicensedLearner(aCustomer(Plan.premium), "eve@acme.test");
        UserId nobody = new UserId(ids.next());

        List<UserId> most = new ArrayList<>(stored.subList(0, 30).stream().map(Learner::learnerId).toList());
        most.add(eve.learnerId());
        most.add(nobody);
        most.add(stored.get(0).learnerId());
        assertThat(withIds(acme, most)).extracting(Learner::learnerId)
                .containsExactlyInAnyOrderElementsOf(most.subList(0, 30));
        assertThat(withIds(acme, List.of(stored.get(3).learnerId(), stored.get(39).learnerId(), nobody)))
                .extracting(Learner::learnerId).containsExactlyInAnyOrder(stored.get(3).learnerId(), stored.get(39).learnerId());
        assertThat(withIds(acme, List.of())).isEmpty();
    }

    private List<Learner> withIds(Company company, List<UserId> learnerIds) {
        List<Learner> found = new ArrayList<>();
        ports.learners().withIds(company.companyId(), learnerIds, found::add);
        return found;
    }

    @Test
    void theCompanysCountersStayARecountThroughEveryKindOfWriteOfAPremiumCompany() {
        Company acme = aCustomer(Plan.premium);
        assertCountsAreARecount(acme);
        LicencePool first = aPool(acme, 4);
        Learner ann = newLearner(acme, "ann@acme.test").withSeat(first);
        Learner bob = newLearner(acme, "bob@acme.test").withSeat(first);
        Learner cy = newLearner(acme, "cy@acme.test").unlicensed();
        ports.learners().add(acme.companyId(), List.of(ann, bob, cy), List.of(new SeatTake(first, 2)), clock.instant());
        assertCountsAreARecount(acme);
        Learner dee = anUnlicensedLearner(acme, "dee@acme.test");
        assertCountsAreARecount(acme);

        // Seating an unlicensed learner (an assignment), archiving a seat and an unlicensed learner, restoring both.
        ports.learners().allocate(acme.companyId(), List.of(new Learners.Change(cy, cy.withSeat(first))),
                List.of(new SeatTake(poolNow(first), 1)), Optional.empty(), clock.instant());
        cy = ports.learners().get(acme.companyId(), cy.learnerId()).orElseThrow();
        assertCountsAreARecount(acme);
        ports.learners().allocate(acme.companyId(), List.of(new Learners.Change(ann, ann.archived()),
                new Learners.Change(dee, dee.archived())), List.of(), Optional.empty(), clock.instant());
        assertCountsAreARecount(acme);
        Learner annArchived = ports.learners().get(acme.companyId(), ann.learnerId()).orElseThrow();
        Learner deeArchived = ports.learners().get(acme.companyId(), dee.learnerId()).orElseThrow();
        ports.learners().allocate(acme.companyId(), List.of(new Learners.Change(annArchived, annArchived.withSeat(first)),
                new Learners.Change(deeArchived, deeArchived.unlicensed())), List.of(new SeatTake(poolNow(first), 1)),
                Optional.empty(), clock.instant());
        assertCountsAreARecount(acme);
        ann = ports.learners().get(acme.companyId(), ann.learnerId()).orElseThrow();
        dee = ports.learners().get(acme.companyId(), dee.learnerId()).orElseThrow();

        // Details change nothing counted; deleting a seat holder and an unlicensed learner.
        ports.learners().changeDetails(cy, cy.withDetails("cy@acme.example", "Cy", "Other", Optional.empty()),
                clock.instant());
        assertCountsAreARecount(acme);
        ports.learners().delete(bob);
        ports.learners().delete(dee);
        assertCountsAreARecount(acme);

        // Time ends the pool, the sweep records it; a renewal moves a holder of the ended pool to a new one.
        clock.set(first.expiresAt());
        assertCountsAreARecount(acme);
        Learner lateComer = anUnlicensedLearner(acme, "eve@acme.test");
        ports.expiringLicences().recordExpired(ports.expiringLicences().between(first.expiresAt(), first.expiresAt())
                .get(0), clock.instant());
        assertCountsAreARecount(acme);
        LicencePool second = aPool(acme, 5);
        Learner annExpired = ports.learners().get(acme.companyId(), ann.learnerId()).orElseThrow();
        Reservation reservation = ports.reservations().reserve(acme.companyId(), "R1-" + ids.next(),
                List.of(new SeatTake(second, 2)), clock.instant());
        ports.learners().allocate(acme.companyId(), List.of(new Learners.Change(annExpired, annExpired.withSeat(second)),
                new Learners.Change(lateComer, lateComer.withSeat(second))), List.of(new SeatTake(second, 2)),
                Optional.of(reservation), clock.instant());
        assertCountsAreARecount(acme);
        Map<LicenceStatus, Integer> counted = ports.learners().count(acme, clock.instant());
        assertThat(counted).containsEntry(LicenceStatus.active, 2).containsEntry(LicenceStatus.expired, 1)
                .containsEntry(LicenceStatus.unlicensed, 0).containsEntry(LicenceStatus.archived, 0);
    }

    @Test
    void theCompanysCountersStayARecountThroughATrialItsEndItsRecordAndTheUpgrade() {
        Company globex = aCustomer(Plan.trial);
        Instant trialEnd = globex.trialEndsAt().orElseThrow();
        Learner tia = aTrialLearner(globex, "tia@globex.test");
        assertCountsAreARecount(globex);
        Learner tom = newLearner(globex, "tom@globex.test").withTrialLicence(trialEnd);
        Learner una = newLearner(globex, "una@globex.test").unlicensed();
        ports.learners().add(globex.companyId(), List.of(tom, una), List.of(), clock.instant());
        assertCountsAreARecount(globex);
        ports.learners().allocate(globex.companyId(), List.of(new Learners.Change(tia, tia.archived())), List.of(),
                Optional.empty(), clock.instant());
        assertCountsAreARecount(globex);
        Learner tiaArchived = ports.learners().get(globex.companyId(), tia.learnerId()).orElseThrow();
        ports.learners().allocate(globex.companyId(), List.of(new Learners.Change(tiaArchived,
                tiaArchived.withTrialLicence(trialEnd))), List.of(), Optional.empty(), clock.instant());
        assertCountsAreARecount(globex);
        ports.learners().delete(ports.learners().get(globex.companyId(), tom.learnerId()).orElseThrow());
        assertCountsAreARecount(globex);

        clock.set(trialEnd);
        assertCountsAreARecount(globex);
        ports.expiringLicences().recordExpired(ports.expiringLicences().between(trialEnd, trialEnd).get(0),
                clock.instant());
        assertCountsAreARecount(globex);
        Company stored = ports.companies().get(globex.companyId()).orElseThrow();
        commit(new PlanUpgrade(stored.upgradedAt(clock.instant())));
        assertThat(ports.companies().get(globex.companyId()).orElseThrow().plan()).contains(Plan.premium);
        assertCountsAreARecount(globex);

        LicencePool pool = aPool(globex, 2);
        Learner tiaExpired = ports.learners().get(globex.companyId(), tia.learnerId()).orElseThrow();
        ports.learners().allocate(globex.companyId(), List.of(new Learners.Change(tiaExpired, tiaExpired.withSeat(pool)),
                new Learners.Change(una, una.withSeat(pool))), List.of(new SeatTake(pool, 2)), Optional.empty(),
                clock.instant());
        assertCountsAreARecount(globex);
        assertThat(ports.learners().count(globex, clock.instant())).containsEntry(LicenceStatus.active, 2)
                .containsEntry(LicenceStatus.expired, 0).containsEntry(LicenceStatus.unlicensed, 0);
    }

    @Test
    void anUpgradeBeforeTheTrialEndsEndsItsTrialLicencesInTheCounts() {
        Company globex = aCustomer(Plan.trial);
        aTrialLearner(globex, "tia@globex.test");
        clock.advance(Duration.ofDays(3));
        Company stored = ports.companies().get(globex.companyId()).orElseThrow();
        commit(new PlanUpgrade(stored.upgradedAt(clock.instant())));
        assertCountsAreARecount(globex);
        clock.advance(Duration.ofMillis(1));
        assertCountsAreARecount(globex);
        assertThat(ports.learners().count(ports.companies().get(globex.companyId()).orElseThrow(), clock.instant()))
                .containsEntry(LicenceStatus.expired, 1);
    }

    @Test
    void aCompanyCreatedBeforeTheCountersIsCountedFromItsLearnersWhateverTheWritesAdd() {
        Company partner = aPartner("Partner");
        CompanyId id = new CompanyId(ids.next());
        Company before = new Company(id, "Old", CompanyKind.customer, Optional.of(partner.companyId()),
                partner.path().child(id), Optional.of(Plan.premium), clock.instant(), Optional.empty(), List.of());
        commit(new NewCompany(before));
        anUnlicensedLearner(before, "ann@old.test");
        ports.learners().add(id, List.of(newLearner(before, "bob@old.test").unlicensed()), List.of(), clock.instant());

        Company read = ports.companies().get(id).orElseThrow();
        assertThat(read.learnerCounts()).isEmpty();
        CountingLicences counting = new CountingLicences(ports.pools(), ports.learners(), clock);
        assertThat(counting.of(read).counts().unlicensed()).isEqualTo(2);
    }
}

package com.partnerchannel.licensing.contract;

import com.partnerchannel.licensing.allocation.application.Learners;
import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.allocation.model.LicencePool;
import com.partnerchannel.licensing.allocation.model.LicenceStatus;
import com.partnerchannel.licensing.allocation.model.SeatTake;
import com.partnerchannel.licensing.expiry.application.ExpiringLicences;
import com.partnerchannel.licensing.expiry.model.Expiring;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.Plan;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ExpiringLicences}: pools and trials by the moment they expire, across tenants; recording an expiry
 * moves only the learners still on that licence, and a second recording changes nothing.
 */
public abstract class ExpiringLicencesContract extends PortContract {

    private Optional<LicenceStatus> recorded(Learner learner) {
        return ports.learners().get(learner.companyId(), learner.learnerId()).orElseThrow().recordedStatus();
    }

    @Test
    void betweenFindsThePoolsAndTrialsEndingInTheWindowAcrossTenants() {
        Company acme = aCustomer(Plan.premium);
        LicencePool pool = aPool(acme, 7);
        Company globex = aCustomer(Plan.trial);
        aTrialLearner(globex, "ann@globex.test");
        aTrialLearner(globex, "bob@globex.test");
        aPool(aCustomer(Plan.premium), 3);
        Instant trialEnd = globex.trialEndsAt().orElseThrow();

        assertThat(ports.expiringLicences().between(trialEnd.minus(Duration.ofDays(1)), trialEnd))
                .containsExactly(Expiring.trial(globex.companyId(), trialEnd, 2, false));
        assertThat(ports.expiringLicences().between(trialEnd.plusMillis(1), trialEnd.plus(Duration.ofDays(2)))).isEmpty();
        assertThat(ports.expiringLicences().between(pool.expiresAt().minus(Duration.ofDays(2)), pool.expiresAt().minusMillis(1)))
                .isEmpty();
        assertThat(ports.expiringLicences().between(pool.expiresAt(), pool.expiresAt().plus(Duration.ofDays(3))))
                .contains(Expiring.pool(acme.companyId(), pool.poolId().value(), pool.expiresAt(), 7, false)).hasSize(2);
    }

    @Test
    void recordingAPoolsExpiryMovesItsLearnersOnceAndLeavesTheRenewed() {
        Company acme = aCustomer(Plan.premium);
        LicencePool pool = aPool(acme, 3);
        Learner ann = aSeatedLearner(acme, "ann@acme.test", pool);
        Learner bob = aSeatedLearner(acme, "bob@acme.test", pool);
        clock.set(pool.expiresAt().minus(Duration.ofDays(1)));
        LicencePool fresh = aPool(acme, 3);
        ports.learners().allocate(acme.companyId(), List.of(new Learners.Change(bob, bob.withSeat(fresh))),
                List.of(new SeatTake(fresh, 1)), Optional.empty(), clock.instant());
        clock.set(pool.expiresAt());
        Expiring entry = ports.expiringLicences().between(pool.expiresAt(), pool.expiresAt()).get(0);

        ports.expiringLicences().recordExpired(entry, clock.instant());
        ports.expiringLicences().recordExpired(entry, clock.instant());

        assertThat(recorded(ann)).contains(LicenceStatus.expired);
        assertThat(recorded(bob)).contains(LicenceStatus.active);
        assertThat(ports.expiringLicences().between(pool.expiresAt(), pool.expiresAt()))
                .containsExactly(Expiring.pool(acme.companyId(), pool.poolId().value(), pool.expiresAt(), 3, true));
        assertThat(ports.learners().all(acme, LicenceStatus.expired, clock.instant())).extracting(Learner::learnerId)
                .containsExactly(ann.learnerId());
    }

    @Test
    void recordingATrialsExpiryMovesItsTrialLearners() {
        Company globex = aCustomer(Plan.trial);
        Learner ann = aTrialLearner(globex, "ann@globex.test");
        Learner waiting = anUnlicensedLearner(globex, "bob@globex.test");
        Instant end = globex.trialEndsAt().orElseThrow();
        clock.set(end.plusSeconds(1));
        Expiring trial = ports.expiringLicences().between(end, end).get(0);
        ports.expiringLicences().recordExpired(trial, clock.instant());
        assertThat(recorded(ann)).contains(LicenceStatus.expired);
        assertThat(recorded(waiting)).contains(LicenceStatus.unlicensed);
        assertThat(ports.expiringLicences().between(end, end)).containsExactly(Expiring.trial(globex.companyId(), end, 0, true));
    }

    @Test
    void theCheckpointNeverMovesBack() {
        assertThat(ports.expiringLicences().lastCompletedSweep()).isEmpty();
        Instant later = clock.instant().plus(Duration.ofHours(2));
        ports.expiringLicences().sweepCompleted(later);
        ports.expiringLicences().sweepCompleted(clock.instant());
        assertThat(ports.expiringLicences().lastCompletedSweep()).contains(later);
        ports.expiringLicences().sweepCompleted(later.plusSeconds(1));
        assertThat(ports.expiringLicences().lastCompletedSweep()).contains(later.plusSeconds(1));
    }
}

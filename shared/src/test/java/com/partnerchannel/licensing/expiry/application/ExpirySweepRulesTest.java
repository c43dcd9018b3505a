package com.partnerchannel.licensing.expiry.application;

import com.partnerchannel.licensing.allocation.model.LicencePool;
import com.partnerchannel.licensing.allocation.model.LicenceStatus;
import com.partnerchannel.licensing.common.DomainEvent;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.testing.InMemoryLicensing;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Rule 11 and the nightly sweep's own rules (docs/product.md), on the use case over the in-memory adapters. */
class ExpirySweepRulesTest {
    private final InMemoryLicensing licensing = new InMemoryLicensing();
    private final SweepingExpiries sweeping = licensing.sweeping();
    private final Company distributor = licensing.aDistributor();
    private final Company acme = licensing.aCustomerUnder(distributor, "premium");

    private List<DomainEvent> reminders() {
        return licensing.events("LicencesExpiring");
    }

    private List<DomainEvent> expiryNotices() {
        return licensing.events("LicencesExpired");
    }

    private Sweep sweepAt(Instant at) {
        licensing.clock.set(at);
        return sweeping.sweep();
    }

    @Test
    @DisplayName("rule 11: one reminder in the 72 hours before, one expiry notice after, each once however often the run repeats")
    void eachNoticeOnceInItsWindow() {
        LicencePool pool = licensing.aPool(acme, distributor, 3);
        Instant end = pool.expiresAt();
        assertThat(sweepAt(end.minus(Duration.ofHours(73))).reminders()).isZero();
        assertThat(sweepAt(end.minus(Duration.ofHours(71))).reminders()).isEqualTo(1);
        Sweep again = sweeping.sweep();
        assertThat(again.reminders()).isZero();
        assertThat(again.alreadyRecorded()).isEqualTo(1);
        assertThat(sweepAt(end.minusMillis(1)).expiryNotices()).isZero();
        Sweep onTheDay = sweepAt(end);
        assertThat(onTheDay.expiryNotices()).isEqualTo(1);
        assertThat(onTheDay.recordedExpired()).isEqualTo(1);
        assertThat(sweepAt(end.plus(Duration.ofDays(1))).expiryNotices()).isZero();
        assertThat(reminders()).hasSize(1);
        assertThat(expiryNotices()).hasSize(1);
        assertThat(expiryNotices().get(0).detail()).containsEntry("licences", 3).containsEntry("licenceType", "premium")
                .containsEntry("poolIds", List.of(pool.poolId().value()));
    }

    @Test
    @DisplayName("rule 11: one email per customer and expiry moment, not one per pool")
    void poolsEndingTogetherShareTheirNotices() {
        LicencePool first = licensing.aPool(acme, distributor, 2);
        LicencePool second = licensing.aPool(acme, distributor, 5);
        assertThat(first.expiresAt()).isEqualTo(second.expiresAt());
        Company other = licensing.aCustomerUnder(distributor, "premium");
        licensing.aPool(other, distributor, 1);
        sweepAt(first.expiresAt().minus(Duration.ofHours(1)));
        sweepAt(first.expiresAt());
        assertThat(reminders()).hasSize(2);
        assertThat(expiryNotices()).hasSize(2);
        DomainEvent acmes = expiryNotices().stream().filter(e -> e.companyId().equals(acme.companyId().value()))
                .findFirst().orElseThrow();
        assertThat(acmes.detail()).containsEntry("licences", 7);
    }

    @Test
    @DisplayName("rule 11: a missed night is caught up, and a reminder is never sent after the expiry it announces")
    void aMissedNightIsCaughtUp() {
        LicencePool pool = licensing.aPool(acme, distributor, 3);
        licensing.add(acme, "ann@acme.test");
        Sweep late = sweepAt(pool.expiresAt().plus(Duration.ofDays(3)));
        assertThat(late.expiryNotices()).isEqualTo(1);
        assertThat(late.skipped()).as("the reminder, too late").isEqualTo(1);
        assertThat(reminders()).isEmpty();
        assertThat(licensing.learner(acme, "ann@acme.test").recordedStatus()).contains(LicenceStatus.expired);
    }

    @Test
    @DisplayName("rule 11: an expiry notice more than 7 days late is recorded as skipped, not sent; the expiry is still recorded")
    void aVeryLateExpiryNoticeIsSkipped() {
        LicencePool pool = licensing.aPool(acme, distributor, 3);
        sweepAt(pool.expiresAt().minus(Duration.ofDays(10)));
        Sweep late = sweepAt(pool.expiresAt().plus(Duration.ofDays(7)));
        assertThat(late.expiryNotices()).isZero();
        assertThat(late.skipped()).isEqualTo(2);
        assertThat(late.recordedExpired()).isEqualTo(1);
        assertThat(expiryNotices()).isEmpty();
        assertThat(licensing.learner(acme, acme.managers().get(0).email()).recordedStatus()).contains(LicenceStatus.expired);
    }

    @Test
    @DisplayName("after more than 8 days without a completed run, the run reads back to the last completed one")
    void aLongGapIsReadBackToTheLastCompletedRun() {
        LicencePool pool = licensing.aPool(acme, distributor, 3);
        sweepAt(pool.expiresAt().minus(Duration.ofDays(5)));
        Sweep afterAMonth = sweepAt(pool.expiresAt().plus(Duration.ofDays(30)));
        assertThat(afterAMonth.from()).isEqualTo(pool.expiresAt().minus(Duration.ofDays(5)));
        assertThat(afterAMonth.recordedExpired()).isEqualTo(1);
        assertThat(licensing.learner(acme, acme.managers().get(0).email()).recordedStatus()).contains(LicenceStatus.expired);
    }

    @Test
    @DisplayName("rule 11: a trial's notices speak of its trial licences")
    void aTrialHasItsNotices() {
        Company trial = licensing.aCustomerUnder(distributor, "trial");
        licensing.add(trial, "homer@globex.test", "frank@globex.test");
        Instant end = trial.trialEndsAt().orElseThrow();
        sweepAt(end.minus(Duration.ofHours(48)));
        sweepAt(end.plus(Duration.ofHours(2)));
        assertThat(reminders()).singleElement().satisfies(e -> assertThat(e.detail()).containsEntry("licenceType", "trial")
                .containsEntry("licences", 3));
        assertThat(expiryNotices()).hasSize(1);
        assertThat(licensing.learner(trial, "homer@globex.test").recordedStatus()).contains(LicenceStatus.expired);
    }

    @Test
    @DisplayName("800 nights, some missed: every pool gets exactly one reminder and one expiry notice")
    void eightHundredNights() {
        Map<Instant, Integer> poolsEnding = new HashMap<>();
        Instant start = licensing.clock.instant();
        for (int night = 0; night < 800; night++) {
            licensing.clock.set(start.plus(Duration.ofDays(night)).plus(Duration.ofHours(night % 24)));
            if (night % 37 == 0 && night < 300) {
                LicencePool pool = licensing.aPool(acme, distributor, 1 + night % 5);
                poolsEnding.merge(pool.expiresAt(), 1, Integer::sum);
            }
            if (night % 11 != 5) { // some nights the run does not happen
                Sweep sweep = sweeping.sweep();
                assertThat(sweep.failures()).isEmpty();
            }
        }
        assertThat(expiryNotices()).hasSize(poolsEnding.size());
        assertThat(reminders()).hasSize(poolsEnding.size());
        assertThat(expiryNotices()).extracting(e -> Instant.parse((String) e.detail().get("expiresAt")))
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(poolsEnding.keySet());
    }
}

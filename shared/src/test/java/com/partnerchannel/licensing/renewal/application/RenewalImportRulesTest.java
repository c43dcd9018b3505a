package com.partnerchannel.licensing.renewal.application;

import com.partnerchannel.licensing.allocation.application.Learners;
import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.allocation.model.LicencePool;
import com.partnerchannel.licensing.allocation.model.LicenceStatus;
import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.config.Renewals;
import com.partnerchannel.licensing.memory.InMemoryUploads;
import com.partnerchannel.licensing.renewal.model.Analysis;
import com.partnerchannel.licensing.renewal.model.ImportStatus;
import com.partnerchannel.licensing.renewal.model.NotRenewedReason;
import com.partnerchannel.licensing.renewal.model.RenewalImport;
import com.partnerchannel.licensing.renewal.model.Row;
import com.partnerchannel.licensing.renewal.model.Upload;
import com.partnerchannel.licensing.tenancy.model.Actor;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.testing.InMemoryLicensing;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.partnerchannel.licensing.testing.InMemoryLicensing.managerOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Rule 8 and the renewal import's own rules, on the use cases over the in-memory adapters and uploads. */
class RenewalImportRulesTest {
    private final InMemoryLicensing licensing = new InMemoryLicensing();
    private final InMemoryUploads uploads = new InMemoryUploads();
    private final Renewals renewals = new Renewals(licensing.licensing, uploads);
    private final Company distributor = licensing.aDistributor();
    private final Company acme = licensing.aCustomerUnder(distributor, "premium");
    private final Actor manager = managerOf(acme);
    private LicencePool firstPool;

    @BeforeEach
    void learnersWhoseLicencesExpired() {
        firstPool = licensing.aPool(acme, distributor, 5);
        licensing.add(acme, "ann@acme.test", "bob@acme.test", "cy@acme.test");
        licensing.clock.set(firstPool.expiresAt().plusSeconds(60));
    }

    private RenewalImport started() {
        return licensing.done(renewals.starting.start(manager, acme.companyId())).renewalImport();
    }

    private Analysis analysed(RenewalImport started, String csv) {
        Upload upload = uploads.put(started.uploadKey(), csv);
        assertThat(renewals.analysing.uploaded(upload)).isEqualTo(AnalysingRenewalImport.Outcome.analysed);
        return now(started).analysis().orElseThrow();
    }

    private RenewalImport now(RenewalImport renewalImport) {
        return licensing.ports.renewalImports().get(acme.companyId(), renewalImport.importId()).orElseThrow();
    }

    private LicenceStatus statusOf(String email) {
        return licensing.learner(acme, email).statusAt(licensing.clock.instant(), acme);
    }

    @Test
    @DisplayName("rule 8: the analysis finds the email column and sorts every row, each not renewed with its reason")
    void theAnalysisSortsEveryRow() {
        licensing.aPool(acme, distributor, 10);
        licensing.learner(acme, "ann@acme.test");
        Analysis analysis = analysed(started(), "Name,E-mail\nAnn,ann@acme.test\nBob,BOB@acme.test\nAnn again,ann@acme.test\n"
                + "Who,who@acme.test\nOops,not-an-email\nNobody,\n");
        assertThat(analysis.emailColumn()).isEqualTo("E-mail");
        assertThat(analysis.toRenew()).isEqualTo(2);
        assertThat(analysis.notRenewed()).isEqualTo(Map.of(NotRenewedReason.duplicate, 1, NotRenewedReason.unknown_email, 1,
                NotRenewedReason.not_an_email, 1, NotRenewedReason.empty, 1));
    }

    @Test
    @DisplayName("rule 8: a learner whose licence is active is not renewed")
    void anActiveLearnerIsNotRenewed() {
        LicencePool fresh = licensing.aPool(acme, distributor, 10);
        licensing.add(acme, "dee@acme.test");
        assertThat(licensing.learner(acme, "dee@acme.test").poolId()).contains(fresh.poolId());
        Analysis analysis = analysed(started(), "email\nann@acme.test\ndee@acme.test\n");
        assertThat(analysis.toRenew()).isEqualTo(1);
        assertThat(analysis.notRenewed()).containsEntry(NotRenewedReason.already_active, 1);
    }

    /**
     * Every row to renew left out: the import is confirmed having renewed nobody. CI's run of 55ca856
     * (HostileInputIT) answered 400 "name the learners to renew" here, after the import had moved to
     * confirming: the renewal's request was built, and refused, before the empty selection was looked at.
     */
    @Test
    @DisplayName("rule 8: a confirm that leaves out every row renews nobody and is confirmed")
    void aConfirmThatLeavesOutEveryRowRenewsNobody() {
        licensing.aPool(acme, distributor, 10);
        RenewalImport started = started();
        Analysis analysis = analysed(started, "email\nann@acme.test\nbob@acme.test\n");

        RenewalImport confirmed = renewals.confirming.confirm(manager, acme.companyId(), started.importId(),
                analysis.analysisId(), List.of("ann@acme.test", "bob@acme.test"));

        assertThat(confirmed.status()).isEqualTo(ImportStatus.confirmed);
        assertThat(confirmed.result().orElseThrow().renewed()).isZero();
        assertThat(confirmed.result().orElseThrow().excluded()).isEqualTo(2);
        assertThat(statusOf("ann@acme.test")).isEqualTo(LicenceStatus.expired);
    }

    @Test
    @DisplayName("rule 8: a confirm renews the reviewed analysis but those left out, as rule 7 does; a confirmed import is final")
    void aConfirmRenewsTheReviewedAnalysis() {
        licensing.aPool(acme, distributor, 10);
        RenewalImport started = started();
        Analysis analysis = analysed(started, "email\nann@acme.test\nbob@acme.test\ncy@acme.test\n");
        RenewalImport confirmed = renewals.confirming.confirm(manager, acme.companyId(), started.importId(),
                analysis.analysisId(), List.of("CY@acme.test "));
        assertThat(confirmed.status()).isEqualTo(ImportStatus.confirmed);
        assertThat(confirmed.result().orElseThrow().renewed()).isEqualTo(2);
        assertThat(statusOf("ann@acme.test")).isEqualTo(LicenceStatus.active);
        assertThat(statusOf("cy@acme.test")).isEqualTo(LicenceStatus.expired);

        Upload later = uploads.put(started.uploadKey(), "email\ncy@acme.test\n");
        assertThat(renewals.analysing.uploaded(later)).isEqualTo(AnalysingRenewalImport.Outcome.ignored_after_confirm);
        assertThat(now(started).result()).isEqualTo(confirmed.result());
        assertThat(renewals.confirming.confirm(manager, acme.companyId(), started.importId(), analysis.analysisId(), List.of())
                .result()).as("confirming again answers what was done").isEqualTo(confirmed.result());
        assertThat(statusOf("cy@acme.test")).isEqualTo(LicenceStatus.expired);
    }

    @Test
    @DisplayName("rule 8: a confirm naming an analysis the file has since replaced is refused and renews nobody")
    void aConfirmOfAReplacedAnalysisIsRefused() {
        licensing.aPool(acme, distributor, 10);
        RenewalImport started = started();
        Analysis reviewed = analysed(started, "email\nann@acme.test\n");
        Analysis replaced = analysed(started, "email\nbob@acme.test\n");
        assertThat(replaced.analysisId()).isNotEqualTo(reviewed.analysisId());
        assertThatThrownBy(() -> renewals.confirming.confirm(manager, acme.companyId(), started.importId(),
                reviewed.analysisId(), List.of()))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.kind()).isEqualTo(Problem.Kind.CONFLICT));
        assertThat(statusOf("ann@acme.test")).isEqualTo(LicenceStatus.expired);
        assertThat(statusOf("bob@acme.test")).isEqualTo(LicenceStatus.expired);
    }

    @Test
    @DisplayName("rule 8: with too few free seats a confirm renews nobody and the import can be confirmed again")
    void aConfirmIsAllOrNothing() {
        LicencePool small = licensing.aPool(acme, distributor, 1);
        RenewalImport started = started();
        Analysis analysis = analysed(started, "email\nann@acme.test\nbob@acme.test\n");
        assertThatThrownBy(() -> renewals.confirming.confirm(manager, acme.companyId(), started.importId(),
                analysis.analysisId(), List.of()))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.extensions()).containsEntry("needed", 2)
                        .containsEntry("free", 1));
        assertThat(licensing.pool(small).allocated()).isZero();
        assertThat(now(started).status()).isEqualTo(ImportStatus.analysed);
        licensing.aPool(acme, distributor, 1);
        assertThat(renewals.confirming.confirm(manager, acme.companyId(), started.importId(), analysis.analysisId(),
                List.of()).status()).isEqualTo(ImportStatus.confirmed);
    }

    @Test
    @DisplayName("the same upload event twice analyses once")
    void aRepeatedUploadEventChangesNothing() {
        RenewalImport started = started();
        Upload upload = uploads.put(started.uploadKey(), "email\nann@acme.test\n");
        renewals.analysing.uploaded(upload);
        RenewalImport first = now(started);
        assertThat(renewals.analysing.uploaded(upload)).isEqualTo(AnalysingRenewalImport.Outcome.already_seen);
        assertThat(now(started)).isEqualTo(first);
    }

    @Test
    @DisplayName("rule 8: an archived learner is not renewed, and a learner is known by the email they have now, not an earlier one")
    void anArchivedLearnerAndAnEarlierEmail() {
        Learner cy = licensing.learner(acme, "cy@acme.test");
        licensing.ports.learners().allocate(acme.companyId(), List.of(new Learners.Change(cy, cy.archived())), List.of(),
                Optional.empty(), licensing.clock.instant());
        Learner bob = licensing.learner(acme, "bob@acme.test");
        licensing.ports.learners().changeDetails(bob, bob.withDetails("Robert@acme.test", "Robert", "B", Optional.empty()),
                licensing.clock.instant());

        Analysis analysis = analysed(started(), "email\nann@acme.test\ncy@acme.test\nbob@acme.test\nROBERT@acme.test\n");

        assertThat(analysis.toRenew()).isEqualTo(2);
        assertThat(analysis.toRenewPreview()).extracting(Row::row, Row::learnerId)
                .containsExactly(tuple(2, Optional.of(licensing.learner(acme, "ann@acme.test").learnerId().value())),
                        tuple(5, Optional.of(bob.learnerId().value())));
        assertThat(analysis.notRenewedPreview()).extracting(Row::row, Row::reason)
                .containsExactly(tuple(3, Optional.of(NotRenewedReason.archived)),
                        tuple(4, Optional.of(NotRenewedReason.unknown_email)));
    }
}

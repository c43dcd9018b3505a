package com.partnerchannel.licensing.renewal.application;

import com.partnerchannel.licensing.tenancy.application.CompanyAccess;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.allocation.application.Renew;
import com.partnerchannel.licensing.allocation.application.Renewal;
import com.partnerchannel.licensing.allocation.application.RenewingLicences;
import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.common.Backoff;
import com.partnerchannel.licensing.common.Ids;
import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.common.Publish;
import com.partnerchannel.licensing.common.Tallies;
import com.partnerchannel.licensing.common.Transactions;
import com.partnerchannel.licensing.renewal.model.Analysis;
import com.partnerchannel.licensing.renewal.model.ConfirmResult;
import com.partnerchannel.licensing.renewal.model.Confirmation;
import com.partnerchannel.licensing.renewal.model.ImportId;
import com.partnerchannel.licensing.renewal.model.ImportStatus;
import com.partnerchannel.licensing.renewal.model.RenewalImport;
import com.partnerchannel.licensing.renewal.model.RenewalImportConfirmRequested;
import com.partnerchannel.licensing.renewal.model.RenewalImportTransition;
import com.partnerchannel.licensing.renewal.model.Row;
import com.partnerchannel.licensing.tenancy.application.Companies;
import com.partnerchannel.licensing.tenancy.model.Actor;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.UserId;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * {@code POST …/confirm}: renews the learners of the analysis the manager reviewed, named by its
 * {@code analysisId}, leaving out {@code exclude}; all or nothing against the free seats. The import is
 * {@code confirming} before anything is renewed, so an upload meanwhile cannot replace the analysis, and
 * a confirmed import is final. Confirming twice renews once: the renewal is keyed on the import and its
 * analysis, and a confirmed import answers its result.
 *
 * <p>A renewal runs about 30 learners to a transaction, so tens of thousands take minutes, far past the
 * 30 seconds an HTTP API waits for its function. Up to {@link #ANSWER_AT_ONCE_UP_TO} learners the confirm
 * renews at once and answers the result, or the same 409 as a manual renewal. Above that it hands the
 * renewal to the confirm worker (status {@code confirming}, an event in the outbox with the change) and
 * answers at once; the worker renews, and records the result, or why nothing was renewed
 * ({@code confirmation.failure}, with {@code needed} and {@code free}). See README.md and docs/data-model.md.
 */
public final class ConfirmingRenewalImport {
    /** About 100 transactions: a few seconds on DynamoDB. */
    public static final int ANSWER_AT_ONCE_UP_TO = 3_000;
    /** Emails a confirm may leave out; they are kept on the import while the worker runs. */
    public static final int MAX_EXCLUDE = 5_000;

    private final CompanyAccess access;
    private final RenewalImports imports;
    private final Uploads uploads;
    private final RenewingLicences renewing;
    private final Transactions transactions;
    private final Ids ids;
    private final Clock clock;
    private final int answerAtOnceUpTo;
    private final Backoff backoff;
    private final Tallies tallies;
    /** Tries of the hand-over transaction that met only conflicts (as {@code Commands.MAX_ATTEMPTS}). */
    static final int HAND_OVER_ATTEMPTS = 4;

    public ConfirmingRenewalImport(Companies companies, RenewalImports imports, Uploads uploads,
                                   RenewingLicences renewing, Transactions transactions, Ids ids, Clock clock,
                                   int answerAtOnceUpTo, Tallies tallies) {
        this(companies, imports, uploads, renewing, transactions, ids, clock, answerAtOnceUpTo, Backoff.standard(),
                tallies);
    }

    /** @param backoff the wait before handing a confirm over again after its transaction met a conflict */
    public ConfirmingRenewalImport(Companies companies, RenewalImports imports, Uploads uploads,
                                   RenewingLicences renewing, Transactions transactions, Ids ids, Clock clock,
                                   int answerAtOnceUpTo, Backoff backoff, Tallies tallies) {
        this.backoff = backoff;
        this.tallies = tallies;
        this.access = new CompanyAccess(companies);
        this.imports = imports;
        this.uploads = uploads;
        this.renewing = renewing;
        this.transactions = transactions;
        this.ids = ids;
        this.clock = clock;
        this.answerAtOnceUpTo = answerAtOnceUpTo;
    }

    /**
     * {@code analysisId} names the analysis the manager reviewed: another one (the file was replaced, or
     * analysed again with another column) is a 409, and nothing is renewed.
     */
    public RenewalImport confirm(Actor actor, CompanyId companyId, ImportId importId, String analysisId,
                                 List<String> exclude) {
        actor.requireManagerOrAdmin();
        return confirm(actor, access.customer(actor, companyId), importId, analysisId, exclude);
    }

    /** The same, in a company the request read already ({@link CompanyAccess#customer(Actor, CompanyId)}). */
    public RenewalImport confirm(Actor actor, Company customer, ImportId importId, String analysisId,
                                 List<String> exclude) {
        actor.requireManagerOrAdmin();
        Company company = CompanyAccess.customer(actor, customer);
        CompanyId companyId = company.companyId();
        if (analysisId == null || analysisId.isBlank()) {
            throw Problem.invalid("analysisId", "is required: the analysisId of the analysis you reviewed, from GET "
                    + "…/renewal-imports/" + importId);
        }
        if (exclude != null && exclude.size() > MAX_EXCLUDE) {
            throw Problem.invalid("exclude", "at most " + MAX_EXCLUDE + " emails; analyse a smaller file instead");
        }
        RenewalImport renewalImport = imports.get(companyId, importId)
                .orElseThrow(() -> Problem.notFound("renewal import", importId.value()));
        Instant now = clock.instant();
        switch (renewalImport.status()) {
            case confirmed -> {
                if (renewalImport.result().map(ConfirmResult::analysisId).orElseThrow().equals(analysisId)) {
                    return renewalImport;
                }
                throw Problem.conflict("renewal import " + importId + " is confirmed, with another analysis than "
                        + analysisId + "; start a new import to renew again");
            }
            case confirming -> {
                if (!renewalImport.workerRequestLost(now)) {
                    Confirmation pending = renewalImport.confirmation().orElseThrow();
                    if (pending.analysisId().equals(analysisId)) return resume(actor, company, renewalImport, pending);
                    throw Problem.conflict("renewal import " + importId + " is being confirmed, with another analysis than "
                            + analysisId + "; read it again when it is done");
                }
            }
            case analysed -> {
            }
            default -> throw Problem.conflict("renewal import " + importId + " is " + renewalImport.status()
                    + "; only an analysed import can be confirmed");
        }
        Analysis analysis = renewalImport.analysis().orElseThrow();
        if (!analysis.analysisId().equals(analysisId)) throw fileChanged(importId, analysisId);
        Set<String> excluded = new TreeSet<>();
        if (exclude != null) exclude.stream().filter(e -> e != null && !e.isBlank()).map(Learner::normalise).forEach(excluded::add);
        Selection selection = select(analysis, excluded);
        Confirmation request = new Confirmation(ids.next(), analysisId, List.copyOf(excluded), actor, now,
                Optional.empty());
        // Claimed before anything is renewed: from here on, an upload is recorded and never analysed.
        RenewalImport confirming = renewalImport.confirming(request);
        if (selection.learnerIds().size() > answerAtOnceUpTo) return handOver(confirming, request, analysisId);
        try {
            imports.save(confirming);
        } catch (RenewalImports.Changed e) {
            return changedBeforeTheClaim(companyId, importId, analysisId);
        }
        return renewInRequest(actor, company, confirming, analysis, selection);
    }

    /**
     * A confirm of this analysis is under way. One small enough for the request may have been claimed by
     * a request that stopped before recording its result (a timeout, a crash): its retry renews again,
     * the same renewal (keyed on the analysis), and records it. A large one is the worker's.
     */
    private RenewalImport resume(Actor actor, Company company, RenewalImport confirming, Confirmation pending) {
        Analysis analysis = confirming.analysis().orElseThrow();
        Selection selection = select(analysis, Set.copyOf(pending.exclude()));
        if (selection.learnerIds().size() > answerAtOnceUpTo) return confirming;
        return renewInRequest(actor, company, confirming, analysis, selection);
    }

    private RenewalImport renewInRequest(Actor actor, Company company, RenewalImport confirming, Analysis analysis,
                                         Selection selection) {
        try {
            return renew(actor, Optional.of(company), confirming, analysis, selection);
        } catch (Problem problem) {
            if (problem.kind() == Problem.Kind.INSUFFICIENT_SEATS) recordRefusal(confirming, problem);
            throw problem;
        }
    }

    private RenewalImport handOver(RenewalImport confirming, Confirmation request, String analysisId) {
        for (int attempt = 1; ; attempt++) {
            try {
                transactions.commit(List.of(new RenewalImportTransition(confirming),
                        new Publish(ids.next(), new RenewalImportConfirmRequested(confirming, request))), Optional.empty());
                return confirming;
            } catch (Transactions.ConcurrentChange e) {
                // Cancelled with the import still at the version read: a TransactionConflict, nothing changed.
                boolean unchanged = imports.get(confirming.companyId(), confirming.importId())
                        .filter(current -> current.version() == confirming.version() - 1).isPresent();
                if (!unchanged) return changedBeforeTheClaim(confirming.companyId(), confirming.importId(), analysisId);
                if (attempt == HAND_OVER_ATTEMPTS) {
                    throw Problem.keptChanging("renewal import " + confirming.importId() + " was busy with other"
                            + " writes through " + attempt + " attempts to hand its confirm over; send it again");
                }
                backoff.beforeRetry(attempt);
            }
        }
    }

    /**
     * The import changed between reading and claiming it: a confirm of the same analysis (a repeated
     * request) is answered with what it did; a new analysis is the 409 of a stale {@code analysisId}.
     */
    private RenewalImport changedBeforeTheClaim(CompanyId companyId, ImportId importId, String analysisId) {
        RenewalImport current = imports.get(companyId, importId).orElseThrow();
        Optional<String> confirmedOrConfirming = switch (current.status()) {
            case confirming -> current.confirmation().map(Confirmation::analysisId);
            case confirmed -> current.result().map(ConfirmResult::analysisId);
            default -> Optional.empty();
        };
        if (confirmedOrConfirming.filter(analysisId::equals).isPresent()) return current;
        if (current.analysis().map(Analysis::analysisId).filter(analysisId::equals).isEmpty()) {
            throw fileChanged(importId, analysisId);
        }
        throw Problem.conflict("renewal import " + importId + " changed meanwhile; read it again");
    }

    private static Problem fileChanged(ImportId importId, String analysisId) {
        return Problem.conflict("analysis " + analysisId + " is no longer that of renewal import " + importId
                + ": the file changed since you reviewed it; review the new analysis (GET …/renewal-imports/"
                + importId + ") and confirm that");
    }

    /**
     * The confirm worker, on the bus event of a confirm handed over: renews as the manager who asked.
     * An event for another request (late, or repeated after the work was done) changes nothing.
     */
    public Optional<RenewalImport> confirmRequested(CompanyId companyId, ImportId importId, String requestId) {
        Optional<RenewalImport> found = imports.get(companyId, importId);
        if (found.isEmpty()) return Optional.empty();
        RenewalImport renewalImport = found.get();
        Optional<Confirmation> request = renewalImport.confirmation().filter(c -> c.requestId().equals(requestId));
        if (renewalImport.status() != ImportStatus.confirming || request.isEmpty()) return found;
        // Uploads are ignored while confirming, so this is the analysis the manager confirmed.
        Analysis analysis = renewalImport.analysis().filter(a -> a.analysisId().equals(request.get().analysisId()))
                .orElseThrow(() -> new IllegalStateException("import " + importId + " is confirming analysis "
                        + request.get().analysisId() + " but holds another"));
        try {
            return Optional.of(renew(request.get().requestedBy(), Optional.empty(), renewalImport, analysis,
                    select(analysis, Set.copyOf(request.get().exclude()))));
        } catch (Problem problem) {
            if (problem.kind() != Problem.Kind.INSUFFICIENT_SEATS) throw problem;
            return Optional.of(recordRefusal(renewalImport, problem));
        }
    }

    /** Nothing was renewed (too few free seats): analysed again, with the reason, to confirm again. */
    private RenewalImport recordRefusal(RenewalImport confirming, Problem problem) {
        Confirmation.Failure failure = new Confirmation.Failure(problem.detail(), problem.extensions(), clock.instant());
        return record(confirming, claimed -> claimed.confirmFailed(failure));
    }

    /** {@code read}: the company, when the request read it already (the worker reads it here). */
    private RenewalImport renew(Actor actor, Optional<Company> read, RenewalImport confirming, Analysis analysis,
                                Selection selection) {
        List<String> learnerIds = selection.learnerIds();
        ImportId importId = confirming.importId();
        Optional<String> key = Optional.of("renewal-import:" + importId.value() + ":" + analysis.analysisId());
        Renewal renewal = learnerIds.isEmpty() ? new Renewal(List.of(), List.of()) : renewEach(actor, read, confirming,
                Renew.learners(learnerIds.stream().map(UserId::new).toList()), key);
        ConfirmResult result = new ConfirmResult(analysis.analysisId(), renewal.renewed().size(), selection.excluded(),
                renewal.skipped().size(), clock.instant());
        RenewalImport confirmed = record(confirming, claimed -> claimed.confirmed(result));
        tallies.importRowsRenewed(result.renewed());
        return confirmed;
    }

    /** Renews the learners selected (a renewal names at least one: with none selected, nothing is renewed). */
    private Renewal renewEach(Actor actor, Optional<Company> read, RenewalImport confirming, Renew request,
                              Optional<String> key) {
        return read.map(company -> renewing.renew(actor, company, request, key))
                .orElseGet(() -> renewing.renew(actor, confirming.companyId(), request, key));
    }

    /**
     * Saves what the confirm of {@code confirming}'s analysis did. Meanwhile an upload may have been
     * recorded as ignored, or a repeated run of the same confirm (its renewal was the same one, keyed on
     * the analysis) may have recorded it first: the outcome is then applied to the import as it is now.
     */
    private RenewalImport record(RenewalImport confirming, UnaryOperator<RenewalImport> outcome) {
        String analysisId = confirming.confirmation().orElseThrow().analysisId();
        RenewalImport current = confirming;
        for (int attempt = 1; attempt <= 5; attempt++) {
            RenewalImport next = outcome.apply(current);
            try {
                imports.save(next);
                return next;
            } catch (RenewalImports.Changed e) {
                current = imports.get(confirming.companyId(), confirming.importId()).orElseThrow();
                if (current.status() == ImportStatus.confirmed) return current;
                if (current.status() != ImportStatus.confirming
                        || !current.confirmation().orElseThrow().analysisId().equals(analysisId)) {
                    throw Problem.conflict("renewal import " + confirming.importId() + " changed meanwhile; read it again");
                }
            }
        }
        throw new IllegalStateException("import " + confirming.importId() + " kept changing while being confirmed");
    }

    /** The analysis' learners to renew, and how many of its rows the manager left out. */
    private record Selection(List<String> learnerIds, int excluded) {
    }

    private Selection select(Analysis analysis, Set<String> excluded) {
        List<Row> toRenew = uploads.rows(analysis.resultsKey()).stream().filter(row -> row.learnerId().isPresent()).toList();
        List<String> learnerIds = toRenew.stream()
                .filter(row -> !excluded.contains(Learner.normalise(unquoted(row.email()))))
                .map(row -> row.learnerId().get()).toList();
        return new Selection(learnerIds, toRenew.size() - learnerIds.size());
    }

    /** Emails were stored as shown (an apostrophe before a would-be formula); a real email never starts so. */
    private static String unquoted(String shown) {
        return shown.startsWith("'") ? shown.substring(1) : shown;
    }
}

package com.partnerchannel.licensing.renewal.application;

import com.partnerchannel.licensing.allocation.application.CompanyAccess;
import com.partnerchannel.licensing.allocation.application.Renew;
import com.partnerchannel.licensing.allocation.application.Renewal;
import com.partnerchannel.licensing.allocation.application.RenewingLicences;
import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.common.Ids;
import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.common.Publish;
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

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code POST …/confirm}: renews the learners of the latest analysis, leaving out {@code exclude}; all or
 * nothing against the free seats. Confirming twice renews once: the renewal is keyed on the import and
 * its analysis, and a confirmed import answers its result.
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

    public ConfirmingRenewalImport(Companies companies, RenewalImports imports, Uploads uploads,
                                   RenewingLicences renewing, Transactions transactions, Ids ids, Clock clock,
                                   int answerAtOnceUpTo) {
        this.access = new CompanyAccess(companies);
        this.imports = imports;
        this.uploads = uploads;
        this.renewing = renewing;
        this.transactions = transactions;
        this.ids = ids;
        this.clock = clock;
        this.answerAtOnceUpTo = answerAtOnceUpTo;
    }

    public RenewalImport confirm(Actor actor, CompanyId companyId, ImportId importId, List<String> exclude) {
        actor.requireManagerOrAdmin();
        access.customer(actor, companyId);
        RenewalImport renewalImport = imports.get(companyId, importId)
                .orElseThrow(() -> Problem.notFound("renewal import", importId.value()));
        Instant now = clock.instant();
        if (renewalImport.status() == ImportStatus.confirmed) return renewalImport;
        if (renewalImport.status() == ImportStatus.confirming && !renewalImport.workerRequestLost(now)) {
            return renewalImport;
        }
        if (renewalImport.status() != ImportStatus.analysed && renewalImport.status() != ImportStatus.confirming) {
            throw Problem.conflict("renewal import " + importId + " is " + renewalImport.status()
                    + "; only an analysed import can be confirmed");
        }
        if (exclude != null && exclude.size() > MAX_EXCLUDE) {
            throw Problem.invalid("exclude", "at most " + MAX_EXCLUDE + " emails; analyse a smaller file instead");
        }
        Analysis analysis = renewalImport.analysis().orElseThrow();
        Set<String> excluded = new TreeSet<>();
        if (exclude != null) exclude.stream().filter(e -> e != null && !e.isBlank()).map(Learner::normalise).forEach(excluded::add);
        Selection selection = select(analysis, excluded);
        if (selection.learnerIds().size() <= answerAtOnceUpTo) return renew(actor, renewalImport, analysis, selection);
        Confirmation request = new Confirmation(ids.next(), analysis.analysisId(), List.copyOf(excluded), actor, now,
                Optional.empty());
        RenewalImport confirming = renewalImport.confirming(request);
        try {
            transactions.commit(List.of(new RenewalImportTransition(confirming),
                    new Publish(ids.next(), new RenewalImportConfirmRequested(confirming, request))), Optional.empty());
            return confirming;
        } catch (Transactions.ConcurrentChange e) {
            // Another confirm (or a new analysis) got there first: answer what it did.
            RenewalImport current = imports.get(companyId, importId).orElseThrow();
            if (current.status() == ImportStatus.confirming || current.status() == ImportStatus.confirmed) return current;
            throw Problem.conflict("renewal import " + importId + " changed meanwhile; read it again");
        }
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
        Analysis analysis = renewalImport.analysis().orElseThrow();
        try {
            return Optional.of(renew(request.get().requestedBy(), renewalImport, analysis,
                    select(analysis, Set.copyOf(request.get().exclude()))));
        } catch (Problem problem) {
            if (problem.kind() != Problem.Kind.INSUFFICIENT_SEATS) throw problem;
            RenewalImport failed = renewalImport.confirmFailed(new Confirmation.Failure(problem.detail(),
                    problem.extensions(), clock.instant()));
            imports.save(failed);
            return Optional.of(failed);
        }
    }

    private RenewalImport renew(Actor actor, RenewalImport renewalImport, Analysis analysis, Selection selection) {
        List<String> learnerIds = selection.learnerIds();
        ImportId importId = renewalImport.importId();
        Renewal renewal = learnerIds.isEmpty() ? new Renewal(List.of(), List.of())
                : renewing.renew(actor, renewalImport.companyId(), new Renew(learnerIds, null),
                Optional.of("renewal-import:" + importId.value() + ":" + analysis.analysisId()));
        RenewalImport confirmed = renewalImport.confirmed(new ConfirmResult(analysis.analysisId(),
                renewal.renewed().size(), selection.excluded(), renewal.skipped().size(), clock.instant()));
        try {
            imports.save(confirmed);
            return confirmed;
        } catch (RenewalImports.Changed e) {
            // Confirmed by a concurrent request (its renewal was the same one): answer what it recorded.
            RenewalImport now = imports.get(renewalImport.companyId(), importId).orElseThrow();
            if (now.status() == ImportStatus.confirmed) return now;
            throw Problem.conflict("renewal import " + importId + " changed meanwhile; read it again");
        }
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

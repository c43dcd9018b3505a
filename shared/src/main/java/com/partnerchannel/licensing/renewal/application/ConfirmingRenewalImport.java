package com.partnerchannel.licensing.renewal.application;

import com.partnerchannel.licensing.allocation.application.CompanyAccess;
import com.partnerchannel.licensing.allocation.application.Renew;
import com.partnerchannel.licensing.allocation.application.Renewal;
import com.partnerchannel.licensing.allocation.application.RenewingLicences;
import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.renewal.model.Analysis;
import com.partnerchannel.licensing.renewal.model.ConfirmResult;
import com.partnerchannel.licensing.renewal.model.ImportId;
import com.partnerchannel.licensing.renewal.model.ImportStatus;
import com.partnerchannel.licensing.renewal.model.RenewalImport;
import com.partnerchannel.licensing.renewal.model.Row;
import com.partnerchannel.licensing.tenancy.application.Companies;
import com.partnerchannel.licensing.tenancy.model.Actor;
import com.partnerchannel.licensing.tenancy.model.CompanyId;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST …/confirm}: renews the learners of the latest analysis, leaving out {@code exclude}; all or
 * nothing against the free seats, with the same 409 as a manual renewal. Confirming twice renews once:
 * the renewal is keyed on the import and its analysis, and a confirmed import answers its result.
 */
public final class ConfirmingRenewalImport {
    private final CompanyAccess access;
    private final RenewalImports imports;
    private final Uploads uploads;
    private final RenewingLicences renewing;
    private final Clock clock;

    public ConfirmingRenewalImport(Companies companies, RenewalImports imports, Uploads uploads,
                                   RenewingLicences renewing, Clock clock) {
        this.access = new CompanyAccess(companies);
        this.imports = imports;
        this.uploads = uploads;
        this.renewing = renewing;
        this.clock = clock;
    }

    public RenewalImport confirm(Actor actor, CompanyId companyId, ImportId importId, List<String> exclude) {
        actor.requireManagerOrAdmin();
        access.customer(actor, companyId);
        RenewalImport renewalImport = imports.get(companyId, importId)
                .orElseThrow(() -> Problem.notFound("renewal import", importId.value()));
        if (renewalImport.status() == ImportStatus.confirmed) return renewalImport;
        if (renewalImport.status() != ImportStatus.analysed) {
            throw Problem.conflict("renewal import " + importId + " is " + renewalImport.status()
                    + "; only an analysed import can be confirmed");
        }
        Analysis analysis = renewalImport.analysis().orElseThrow();
        Set<String> excluded = new HashSet<>();
        if (exclude != null) exclude.stream().filter(e -> e != null && !e.isBlank()).map(Learner::normalise).forEach(excluded::add);
        List<Row> toRenew = uploads.rows(analysis.resultsKey()).stream().filter(row -> row.learnerId().isPresent()).toList();
        List<String> learnerIds = toRenew.stream()
                .filter(row -> !excluded.contains(Learner.normalise(unquoted(row.email()))))
                .map(row -> row.learnerId().get()).toList();
        int left = toRenew.size() - learnerIds.size();
        Renewal renewal = learnerIds.isEmpty() ? new Renewal(List.of(), List.of())
                : renewing.renew(actor, companyId, new Renew(learnerIds, null),
                Optional.of("renewal-import:" + importId.value() + ":" + analysis.analysisId()));
        RenewalImport confirmed = renewalImport.confirmed(new ConfirmResult(analysis.analysisId(),
                renewal.renewed().size(), left, renewal.skipped().size(), clock.instant()));
        try {
            imports.save(confirmed);
            return confirmed;
        } catch (RenewalImports.Changed e) {
            // Confirmed by a concurrent request (its renewal was the same one): answer what it recorded.
            RenewalImport now = imports.get(companyId, importId).orElseThrow();
            if (now.status() == ImportStatus.confirmed) return now;
            throw Problem.conflict("renewal import " + importId + " changed meanwhile; read it again");
        }
    }

    /** Emails were stored as shown (an apostrophe before a would-be formula); a real email never starts so. */
    private static String unquoted(String shown) {
        return shown.startsWith("'") ? shown.substring(1) : shown;
    }
}

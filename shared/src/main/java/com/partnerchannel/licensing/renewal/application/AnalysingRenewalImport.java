package com.partnerchannel.licensing.renewal.application;

import com.partnerchannel.licensing.tenancy.application.CompanyAccess;
import com.partnerchannel.licensing.allocation.application.Learners;
import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.allocation.model.LicenceStatus;
import com.partnerchannel.licensing.common.Ids;
import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.common.Publish;
import com.partnerchannel.licensing.common.Tallies;
import com.partnerchannel.licensing.common.Transactions;
import com.partnerchannel.licensing.renewal.model.Analysis;
import com.partnerchannel.licensing.renewal.model.ImportFailure;
import com.partnerchannel.licensing.renewal.model.ImportId;
import com.partnerchannel.licensing.renewal.model.ImportStatus;
import com.partnerchannel.licensing.renewal.model.NotRenewedReason;
import com.partnerchannel.licensing.renewal.model.Reanalysis;
import com.partnerchannel.licensing.renewal.model.RenewalImport;
import com.partnerchannel.licensing.renewal.model.RenewalImportAnalysisRequested;
import com.partnerchannel.licensing.renewal.model.RenewalImportTransition;
import com.partnerchannel.licensing.renewal.model.Row;
import com.partnerchannel.licensing.renewal.model.Upload;
import com.partnerchannel.licensing.tenancy.application.Companies;
import com.partnerchannel.licensing.tenancy.model.Actor;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.Emails;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Analyses an uploaded renewal file: finds the email column, and sorts every row into learners to renew
 * (expired or unlicensed learners of the company) and rows not renewed, with the reason. Runs on the
 * upload's S3 event, and again when the manager chooses another column (in the request, or, for a large
 * file, in the analysis worker). Streams the file twice (shape, then rows) and never holds it whole.
 */
public final class AnalysingRenewalImport {
    private static final Pattern UPLOAD_KEY = Pattern.compile("uploads/([0-9A-Z]+)/([0-9A-Z]+)\\.csv");
    /** About 15,000 rows of a typical export: a few seconds on DynamoDB, well inside the API's 30. */
    public static final long ANALYSE_AT_ONCE_UP_TO_BYTES = 1024 * 1024;

    private final Companies companies;
    private final CompanyAccess access;
    private final RenewalImports imports;
    private final Uploads uploads;
    private final Learners learners;
    private final Transactions transactions;
    private final Ids ids;
    private final Clock clock;
    private final long analyseAtOnceUpToBytes;
    private final Tallies tallies;

    /** {@code analyseAtOnceUpToBytes}: the largest file re-analysed within the request; larger ones go to the worker. */
    public AnalysingRenewalImport(Companies companies, RenewalImports imports, Uploads uploads, Learners learners,
                                  Transactions transactions, Ids ids, Clock clock, long analyseAtOnceUpToBytes,
                                  Tallies tallies) {
        this.companies = companies;
        this.access = new CompanyAccess(companies);
        this.imports = imports;
        this.uploads = uploads;
        this.learners = learners;
        this.transactions = transactions;
        this.ids = ids;
        this.clock = clock;
        this.analyseAtOnceUpToBytes = analyseAtOnceUpToBytes;
        this.tallies = tallies;
    }

    /** What an upload event led to, for the function's log. */
    public enum Outcome {
        analysed, failed, already_seen, stale_event, unknown_import, ignored_while_confirming, ignored_after_confirm
    }

    /**
     * The S3 event of an upload. Analysing the same object version twice changes nothing. Once a confirm has
     * begun, an upload is recorded on the import and not analysed: the confirm renews the analysis the
     * manager reviewed, and a confirmed import keeps its result.
     */
    public Outcome uploaded(Upload upload) {
        Matcher key = UPLOAD_KEY.matcher(upload.key());
        if (!key.matches()) return Outcome.unknown_import;
        CompanyId companyId = new CompanyId(key.group(1));
        ImportId importId = new ImportId(key.group(2));
        for (int attempt = 1; attempt <= 3; attempt++) {
            Optional<RenewalImport> found = imports.get(companyId, importId);
            if (found.isEmpty()) return Outcome.unknown_import;
            RenewalImport renewalImport = found.get();
            if (renewalImport.hasSeen(upload)) return Outcome.already_seen;
            if (!renewalImport.takesUploads()) {
                if (renewalImport.ignoredUploads().contains(upload)) return Outcome.already_seen;
                Outcome ignored = renewalImport.status() == ImportStatus.confirmed ? Outcome.ignored_after_confirm
                        : Outcome.ignored_while_confirming;
                try {
                    imports.save(renewalImport.ignoring(upload, clock.instant()));
                    return ignored;
                } catch (RenewalImports.Changed e) {
                    continue; // the confirm recorded its progress meanwhile: look again
                }
            }
            Optional<Upload> current = uploads.head(upload.key());
            if (current.isPresent() && !current.get().etag().equals(upload.etag())) {
                return Outcome.stale_event; // a newer upload replaced it; its own event will come
            }
            Company company = companies.get(companyId).orElse(null);
            if (company == null) return Outcome.unknown_import;
            RenewalImport next = analyse(renewalImport, company, upload, Optional.empty());
            try {
                imports.save(next);
                countAnalysed(next);
                return next.status() == ImportStatus.failed ? Outcome.failed : Outcome.analysed;
            } catch (RenewalImports.Changed e) {
                // another delivery of the same event, or a newer upload, got there first: look again
            }
        }
        throw new IllegalStateException("import " + importId + " kept changing while being analysed");
    }

    /**
     * {@code POST …/analyse}: analyse the same upload again, reading emails from {@code emailColumn}. A file
     * of up to {@code analyseAtOnceUpToBytes} is analysed within the request; a larger one is handed to the
     * analysis worker (status {@code analysing}, an outbox event in the same transaction), as a 100,000-row
     * file takes longer than the 30 seconds an HTTP API waits. Asking again for the column being analysed
     * answers the pending request.
     */
    public RenewalImport reanalyse(Actor actor, CompanyId companyId, ImportId importId, String emailColumn) {
        actor.requireManagerOrAdmin();
        return reanalyse(actor, access.customer(actor, companyId), importId, emailColumn);
    }

    /** The same, in a company the request read already ({@link CompanyAccess#customer(Actor, CompanyId)}). */
    public RenewalImport reanalyse(Actor actor, Company customer, ImportId importId, String emailColumn) {
        actor.requireManagerOrAdmin();
        Company company = CompanyAccess.customer(actor, customer);
        CompanyId companyId = company.companyId();
        RenewalImport renewalImport = imports.get(companyId, importId)
                .orElseThrow(() -> Problem.notFound("renewal import", importId.value()));
        if (emailColumn == null || emailColumn.isBlank()) throw Problem.invalid("emailColumn", "is required");
        Instant now = clock.instant();
        switch (renewalImport.status()) {
            case confirmed -> throw Problem.conflict("renewal import " + importId
                    + " is confirmed; start a new import to renew again");
            case confirming -> throw Problem.conflict("renewal import " + importId
                    + " is being confirmed; read it again when it is done");
            case analysing -> {
                Reanalysis pending = renewalImport.reanalysis().orElseThrow();
                if (!renewalImport.workerRequestLost(now)) {
                    if (pending.emailColumn().equals(emailColumn)) return renewalImport;
                    throw Problem.conflict("renewal import " + importId + " is being analysed with the column '"
                            + Cells.safe(pending.emailColumn()) + "'; read it again when it is done");
                }
            }
            default -> {
            }
        }
        Upload upload = renewalImport.upload().orElseThrow(() -> Problem.conflict("renewal import " + importId
                + " has no file yet: upload it first"));
        // The upload analysed already: its columns are known, so an unknown one is refused at once.
        Optional<List<String>> columns = renewalImport.analysis().map(Analysis::columns);
        if (columns.isPresent() && FileAnalysis.indexOf(columns.get(), emailColumn) < 0) {
            throw Problem.invalid("emailColumn", FileAnalysis.noSuchColumn(emailColumn, columns.get()).getMessage());
        }
        if (upload.size() > analyseAtOnceUpToBytes) return handOver(actor, renewalImport, emailColumn, now);
        RenewalImport next = analyse(renewalImport, company, upload, Optional.of(emailColumn));
        if (next.status() == ImportStatus.failed) {
            throw Problem.invalid("emailColumn", next.failure().orElseThrow().message());
        }
        try {
            imports.save(next);
            countAnalysed(next);
        } catch (RenewalImports.Changed e) {
            throw Problem.conflict("renewal import " + importId + " changed meanwhile; read it again");
        }
        return next;
    }

    private RenewalImport handOver(Actor actor, RenewalImport renewalImport, String emailColumn, Instant now) {
        Reanalysis request = new Reanalysis(ids.next(), emailColumn, actor, now);
        RenewalImport analysing = renewalImport.analysing(request);
        try {
            transactions.commit(List.of(new RenewalImportTransition(analysing),
                    new Publish(ids.next(), new RenewalImportAnalysisRequested(analysing, request))), Optional.empty());
            return analysing;
        } catch (Transactions.ConcurrentChange e) {
            // The same request at the same time got there first: answer it; anything else changed the import.
            RenewalImport current = imports.get(renewalImport.companyId(), renewalImport.importId()).orElseThrow();
            if (current.status() == ImportStatus.analysing
                    && current.reanalysis().map(r -> r.emailColumn().equals(emailColumn)).orElse(false)) {
                return current;
            }
            throw Problem.conflict("renewal import " + renewalImport.importId() + " changed meanwhile; read it again");
        }
    }

    /**
     * The analysis worker, on the bus event of a re-analysis handed over. An event for another request (late,
     * repeated after the work was done, or overtaken by a new upload) changes nothing.
     */
    public Optional<RenewalImport> reanalysisRequested(CompanyId companyId, ImportId importId, String requestId) {
        for (int attempt = 1; attempt <= 3; attempt++) {
            Optional<RenewalImport> found = imports.get(companyId, importId);
            if (found.isEmpty()) return found;
            RenewalImport renewalImport = found.get();
            Optional<Reanalysis> request = renewalImport.reanalysis().filter(r -> r.requestId().equals(requestId));
            if (renewalImport.status() != ImportStatus.analysing || request.isEmpty()) return found;
            Company company = companies.get(companyId).orElse(null);
            if (company == null) return Optional.empty();
            RenewalImport next = analyse(renewalImport, company, renewalImport.upload().orElseThrow(),
                    Optional.of(request.get().emailColumn()));
            try {
                imports.save(next);
                countAnalysed(next);
                return Optional.of(next);
            } catch (RenewalImports.Changed e) {
                // a new upload was analysed meanwhile: look again (its analysis replaced this request)
            }
        }
        throw new IllegalStateException("import " + importId + " kept changing while being analysed");
    }

    /** The rows of an analysis just saved, as a metric (like a log line: counted, never a rule). */
    private void countAnalysed(RenewalImport saved) {
        saved.analysis().ifPresent(analysis -> tallies.importRowsAnalysed(analysis.dataRows()));
    }

    private RenewalImport analyse(RenewalImport renewalImport, Company company, Upload upload, Optional<String> column) {
        Instant now = clock.instant();
        try {
            if (upload.size() > CsvFile.MAX_BYTES) {
                throw new ImportFailed(ImportFailure.Code.too_large, "The file is " + megabytes(upload.size())
                        + " MB; the limit is " + megabytes(CsvFile.MAX_BYTES) + " MB. Split it into smaller files.");
            }
            try (Uploads.LocalCopy file = uploads.copy(upload)) {
                return analyse(renewalImport, company, upload, column, file, now);
            }
        } catch (ImportFailed e) {
            return renewalImport.failed(upload, e.failure());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RenewalImport analyse(RenewalImport renewalImport, Company company, Upload upload, Optional<String> column,
                                  Uploads.LocalCopy file, Instant now) throws IOException {
        FileAnalysis.Shape shape;
        try (InputStream in = file.open()) {
            shape = FileAnalysis.shape(in);
        }
        int emailColumn;
        if (column.isPresent()) {
            emailColumn = shape.indexOf(column.get());
            if (emailColumn < 0) throw FileAnalysis.noSuchColumn(column.get(), shape.columns());
        } else {
            emailColumn = FileAnalysis.emailColumn(shape);
        }
        List<Row> rows = new ArrayList<>();
        try (InputStream in = file.open()) {
            classify(in, shape, emailColumn, company, now, rows::add);
        }
        rows.sort(java.util.Comparator.comparingInt(Row::row));
        String analysisId = ids.next();
        String resultsKey = RenewalImport.RESULTS_PREFIX + company.companyId().value() + "/"
                + renewalImport.importId().value() + "/" + analysisId + ".json";
        uploads.saveRows(resultsKey, rows);
        Map<NotRenewedReason, Integer> notRenewed = new EnumMap<>(NotRenewedReason.class);
        List<Row> toRenewPreview = new ArrayList<>();
        List<Row> notRenewedPreview = new ArrayList<>();
        int toRenew = 0;
        for (Row row : rows) {
            if (row.reason().isPresent()) {
                notRenewed.merge(row.reason().get(), 1, Integer::sum);
                if (notRenewedPreview.size() < Analysis.PREVIEW_ROWS) notRenewedPreview.add(row);
            } else {
                toRenew++;
                if (toRenewPreview.size() < Analysis.PREVIEW_ROWS) toRenewPreview.add(row);
            }
        }
        return renewalImport.analysed(new Analysis(analysisId, upload, shape.columns(),
                shape.columns().get(emailColumn), shape.dataRows(), toRenew, notRenewed, toRenewPreview,
                notRenewedPreview, resultsKey, now));
    }

    /**
     * The second pass: every data row; the distinct emails are then matched to the company's learners in one
     * read, which the adapter makes as cheap as the share of the company they name allows.
     */
    private void classify(InputStream in, FileAnalysis.Shape shape, int column, Company company, Instant now,
                          Consumer<Row> out) {
        Map<String, Pending> firstRowOf = new HashMap<>();
        boolean[] headerSkipped = {!shape.hasHeader()};
        CsvFile.read(in, record -> {
            if (record.isBlank()) return;
            if (!headerSkipped[0]) {
                headerSkipped[0] = true;
                return;
            }
            String cell = record.field(column).trim();
            String shown = Cells.safe(cell);
            if (cell.isEmpty()) {
                out.accept(Row.notRenewed(record.row(), shown, NotRenewedReason.empty));
            } else if (!Emails.isEmail(cell)) {
                out.accept(Row.notRenewed(record.row(), shown, NotRenewedReason.not_an_email));
            } else {
                String email = Learner.normalise(cell);
                if (firstRowOf.putIfAbsent(email, new Pending(record.row(), shown)) != null) {
                    out.accept(Row.notRenewed(record.row(), shown, NotRenewedReason.duplicate));
                }
            }
        });
        lookUp(firstRowOf, company, now, out);
    }

    /** The first row of an email, waiting for its learner. */
    private record Pending(int row, String shown) {
    }

    /** Each email's row, by what its learner holds now; an email no learner has is unknown. */
    private void lookUp(Map<String, Pending> firstRowOf, Company company, Instant now, Consumer<Row> out) {
        if (firstRowOf.isEmpty()) return;
        learners.withEmails(company.companyId(), firstRowOf.keySet().stream().toList(), learner -> {
            if (!learner.holdsLicences()) return; // a partner's user: no learner, so the email is unknown
            Pending pending = firstRowOf.remove(learner.emailNormalised());
            if (pending == null) return;
            if (learner.isArchived()) {
                out.accept(Row.notRenewed(pending.row(), pending.shown(), NotRenewedReason.archived));
            } else if (learner.statusAt(now, company) == LicenceStatus.active) {
                out.accept(Row.notRenewed(pending.row(), pending.shown(), NotRenewedReason.already_active));
            } else {
                out.accept(Row.toRenew(pending.row(), pending.shown(), learner.learnerId().value()));
            }
        });
        firstRowOf.forEach((email, pending) ->
                out.accept(Row.notRenewed(pending.row(), pending.shown(), NotRenewedReason.unknown_email)));
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
    }
}

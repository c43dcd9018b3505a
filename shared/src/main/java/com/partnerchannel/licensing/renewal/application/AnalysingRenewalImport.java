package com.partnerchannel.licensing.renewal.application;

import com.partnerchannel.licensing.allocation.application.CompanyAccess;
import com.partnerchannel.licensing.allocation.application.Learners;
import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.allocation.model.LicenceStatus;
import com.partnerchannel.licensing.common.Ids;
import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.renewal.model.Analysis;
import com.partnerchannel.licensing.renewal.model.ImportFailure;
import com.partnerchannel.licensing.renewal.model.ImportId;
import com.partnerchannel.licensing.renewal.model.ImportStatus;
import com.partnerchannel.licensing.renewal.model.NotRenewedReason;
import com.partnerchannel.licensing.renewal.model.RenewalImport;
import com.partnerchannel.licensing.renewal.model.Row;
import com.partnerchannel.licensing.renewal.model.Upload;
import com.partnerchannel.licensing.tenancy.application.Companies;
import com.partnerchannel.licensing.tenancy.model.Actor;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.Emails;
import com.partnerchannel.licensing.tenancy.model.UserId;

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
 * upload's S3 event, and again when the manager chooses another column. Streams the file twice (shape,
 * then rows) and never holds it whole.
 */
public final class AnalysingRenewalImport {
    private static final Pattern UPLOAD_KEY = Pattern.compile("uploads/([0-9A-Z]+)/([0-9A-Z]+)\\.csv");
    /** Rows looked up together: 50 BatchGetItem of email claims, then of learners, which the adapter runs in parallel. */
    private static final int LOOKUP_BATCH = 5_000;

    private final Companies companies;
    private final CompanyAccess access;
    private final RenewalImports imports;
    private final Uploads uploads;
    private final Learners learners;
    private final Ids ids;
    private final Clock clock;

    public AnalysingRenewalImport(Companies companies, RenewalImports imports, Uploads uploads, Learners learners,
                                  Ids ids, Clock clock) {
        this.companies = companies;
        this.access = new CompanyAccess(companies);
        this.imports = imports;
        this.uploads = uploads;
        this.learners = learners;
        this.ids = ids;
        this.clock = clock;
    }

    /** What an upload event led to, for the function's log. */
    public enum Outcome { analysed, failed, already_seen, stale_event, unknown_import, ignored_while_confirming }

    /** The S3 event of an upload. Analysing the same object version twice changes nothing. */
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
            // The confirm worker renews from the current analysis; a new one must not replace it under it.
            if (renewalImport.status() == ImportStatus.confirming) return Outcome.ignored_while_confirming;
            Optional<Upload> current = uploads.head(upload.key());
            if (current.isPresent() && !current.get().etag().equals(upload.etag())) {
                return Outcome.stale_event; // a newer upload replaced it; its own event will come
            }
            Company company = companies.get(companyId).orElse(null);
            if (company == null) return Outcome.unknown_import;
            RenewalImport next = analyse(renewalImport, company, upload, Optional.empty());
            try {
                imports.save(next);
                return next.status() == ImportStatus.failed ? Outcome.failed : Outcome.analysed;
            } catch (RenewalImports.Changed e) {
                // another delivery of the same event, or a newer upload, got there first: look again
            }
        }
        throw new IllegalStateException("import " + importId + " kept changing while being analysed");
    }

    /** {@code POST …/analyse}: analyse the same upload again, reading emails from {@code emailColumn}. */
    public RenewalImport reanalyse(Actor actor, CompanyId companyId, ImportId importId, String emailColumn) {
        actor.requireManagerOrAdmin();
        Company company = access.customer(actor, companyId);
        RenewalImport renewalImport = imports.get(companyId, importId)
                .orElseThrow(() -> Problem.notFound("renewal import", importId.value()));
        if (emailColumn == null || emailColumn.isBlank()) throw Problem.invalid("emailColumn", "is required");
        if (renewalImport.status() == ImportStatus.confirmed) {
            throw Problem.conflict("renewal import " + importId + " is confirmed; start a new import to renew again");
        }
        if (renewalImport.status() == ImportStatus.confirming) {
            throw Problem.conflict("renewal import " + importId + " is being confirmed; read it again when it is done");
        }
        Upload upload = renewalImport.upload().orElseThrow(() -> Problem.conflict("renewal import " + importId
                + " has no file yet: upload it first"));
        RenewalImport next = analyse(renewalImport, company, upload, Optional.of(emailColumn));
        if (next.status() == ImportStatus.failed) {
            throw Problem.invalid("emailColumn", next.failure().orElseThrow().message());
        }
        try {
            imports.save(next);
        } catch (RenewalImports.Changed e) {
            throw Problem.conflict("renewal import " + importId + " changed meanwhile; read it again");
        }
        return next;
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
            if (emailColumn < 0) {
                throw new ImportFailed(ImportFailure.Code.no_email_column, "There is no column '"
                        + Cells.safe(column.get()) + "'; the columns are " + String.join(", ", shape.columns()));
            }
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

    /** The second pass: every data row, in batches looked up against the company's learners. */
    private void classify(InputStream in, FileAnalysis.Shape shape, int column, Company company, Instant now,
                          Consumer<Row> out) {
        Map<String, Integer> firstRowOf = new HashMap<>();
        List<Pending> batch = new ArrayList<>();
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
            } else if (firstRowOf.putIfAbsent(Learner.normalise(cell), record.row()) != null) {
                out.accept(Row.notRenewed(record.row(), shown, NotRenewedReason.duplicate));
            } else {
                batch.add(new Pending(record.row(), shown, Learner.normalise(cell)));
                if (batch.size() == LOOKUP_BATCH) lookUp(batch, company, now, out);
            }
        });
        lookUp(batch, company, now, out);
    }

    private record Pending(int row, String shown, String email) {
    }

    private void lookUp(List<Pending> batch, Company company, Instant now, Consumer<Row> out) {
        if (batch.isEmpty()) return;
        Map<String, UserId> known = learners.existingEmails(company.companyId(),
                batch.stream().map(Pending::email).toList());
        Map<UserId, Learner> byId = new HashMap<>();
        learners.getAll(company.companyId(), known.values()).forEach(l -> byId.put(l.learnerId(), l));
        for (Pending pending : batch) {
            Learner learner = Optional.ofNullable(known.get(pending.email())).map(byId::get)
                    .filter(Learner::holdsLicences).orElse(null);
            if (learner == null) {
                out.accept(Row.notRenewed(pending.row(), pending.shown(), NotRenewedReason.unknown_email));
            } else if (learner.statusAt(now, company) == LicenceStatus.active) {
                out.accept(Row.notRenewed(pending.row(), pending.shown(), NotRenewedReason.already_active));
            } else {
                out.accept(Row.toRenew(pending.row(), pending.shown(), learner.learnerId().value()));
            }
        }
        batch.clear();
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
    }
}

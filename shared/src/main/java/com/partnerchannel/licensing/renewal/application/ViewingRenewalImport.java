package com.partnerchannel.licensing.renewal.application;

import com.partnerchannel.licensing.tenancy.application.CompanyAccess;
import com.partnerchannel.licensing.common.Page;
import com.partnerchannel.licensing.common.PageRequest;
import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.renewal.model.Analysis;
import com.partnerchannel.licensing.renewal.model.ImportId;
import com.partnerchannel.licensing.renewal.model.NotRenewedReason;
import com.partnerchannel.licensing.renewal.model.RenewalImport;
import com.partnerchannel.licensing.renewal.model.Row;
import com.partnerchannel.licensing.tenancy.application.Companies;
import com.partnerchannel.licensing.tenancy.model.Actor;
import com.partnerchannel.licensing.tenancy.model.CompanyId;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A renewal import as the manager reviews it: the import with its analysis' counts and first rows, and
 * every row of one list (to renew, or not renewed, by reason) page by page from the analysis' rows in the
 * bucket, in file order.
 */
public final class ViewingRenewalImport {
    public static final List<String> LISTS = List.of("toRenew", "notRenewed");

    private final CompanyAccess access;
    private final RenewalImports imports;
    private final Uploads uploads;

    public ViewingRenewalImport(Companies companies, RenewalImports imports, Uploads uploads) {
        this.access = new CompanyAccess(companies);
        this.imports = imports;
        this.uploads = uploads;
    }

    public RenewalImport get(Actor actor, CompanyId companyId, ImportId importId) {
        actor.requireManagerOrAdmin();
        access.customer(actor, companyId);
        return imports.get(companyId, importId).orElseThrow(() -> Problem.notFound("renewal import", importId.value()));
    }

    /** {@code list}: toRenew or notRenewed; {@code reason}, for notRenewed, one reason only. */
    public Page<Row> rows(Actor actor, CompanyId companyId, ImportId importId, String list, String reason,
                          PageRequest page) {
        RenewalImport renewalImport = get(actor, companyId, importId);
        if (list == null || !LISTS.contains(list)) throw Problem.invalid("list", "must be one of " + LISTS);
        Optional<NotRenewedReason> onlyReason = reason(list, reason);
        Analysis analysis = renewalImport.analysis().orElseThrow(() -> Problem.conflict("renewal import " + importId
                + " is " + renewalImport.status() + "; it has no analysed rows"));
        int from = from(page.cursor(), analysis);
        Predicate<Row> inList = list.equals("toRenew") ? row -> row.learnerId().isPresent()
                : row -> row.reason().isPresent() && onlyReason.map(r -> row.reason().get() == r).orElse(true);
        List<Row> rows = uploads.rows(analysis.resultsKey()).stream().filter(inList).toList();
        int to = Math.min(rows.size(), from + page.limit());
        return new Page<>(from >= rows.size() ? List.of() : rows.subList(from, to),
                to < rows.size() ? cursor(analysis, to) : null);
    }

    private static Optional<NotRenewedReason> reason(String list, String reason) {
        if (reason == null || reason.isBlank()) return Optional.empty();
        if (!list.equals("notRenewed")) throw Problem.invalid("reason", "only the notRenewed list has reasons");
        try {
            return Optional.of(NotRenewedReason.valueOf(reason.trim()));
        } catch (IllegalArgumentException e) {
            throw Problem.invalid("reason", "must be one of " + Arrays.toString(NotRenewedReason.values()));
        }
    }

    /** The cursor names the analysis it pages through: another analysis since means starting again. */
    private static String cursor(Analysis analysis, int from) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((analysis.analysisId() + ":" + from)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static int from(String cursor, Analysis analysis) {
        if (cursor == null) return 0;
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":");
        } catch (IllegalArgumentException e) {
            throw Problem.invalid("cursor", "is not a cursor this list gave");
        }
        if (parts.length != 2 || !parts[1].matches("\\d{1,9}")) throw Problem.invalid("cursor", "is not a cursor this list gave");
        if (!parts[0].equals(analysis.analysisId())) {
            throw Problem.conflict("the import was analysed again since this cursor was given; read the list from the start");
        }
        return Integer.parseInt(parts[1]);
    }
}

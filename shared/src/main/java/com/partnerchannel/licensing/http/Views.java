package com.partnerchannel.licensing.http;

import com.partnerchannel.licensing.allocation.application.AddedLearners;
import com.partnerchannel.licensing.allocation.application.LicenceOverview;
import com.partnerchannel.licensing.allocation.application.Renewal;
import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.allocation.model.LicenceCounts;
import com.partnerchannel.licensing.allocation.model.LicencePool;
import com.partnerchannel.licensing.common.Page;
import com.partnerchannel.licensing.onboarding.application.CreatedCompany;
import com.partnerchannel.licensing.ordering.model.Order;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.Manager;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The resource shapes of the API contract. */
public final class Views {
    private Views() {
    }

    public static Map<String, Object> company(Company company) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("companyId", company.companyId().value());
        view.put("name", company.name());
        view.put("kind", company.kind().name());
        view.put("parentId", company.parentId().map(Object::toString).orElse(null));
        view.put("plan", company.plan().map(Enum::name).orElse(null));
        view.put("createdAt", company.createdAt().toString());
        company.trialEndsAt().ifPresent(end -> view.put("trialEndsAt", end.toString()));
        view.put("managers", company.managers().stream().map(Views::manager).toList());
        return view;
    }

    private static Map<String, Object> manager(Manager m) {
        Map<String, Object> manager = new LinkedHashMap<>();
        manager.put("userId", m.userId().value());
        manager.put("email", m.email());
        manager.put("name", m.name());
        return manager;
    }

    /**
     * The answer of {@code POST /companies}: the company, each customer manager's licence status as of
     * the creation, and the initial order if one was placed.
     */
    public static Map<String, Object> createdCompany(CreatedCompany created) {
        Company company = created.company();
        Map<String, Object> view = company(company);
        Map<String, Learner> asLearners = created.managers().stream()
                .collect(Collectors.toMap(learner -> learner.learnerId().value(), learner -> learner));
        List<Map<String, Object>> managers = new ArrayList<>();
        for (Manager m : company.managers()) {
            Map<String, Object> manager = manager(m);
            Optional.ofNullable(asLearners.get(m.userId().value())).filter(Learner::holdsLicences).ifPresent(learner ->
                    manager.put("licenceStatus", learner.statusAt(company.createdAt(), company).name()));
            managers.add(manager);
        }
        view.put("managers", managers);
        created.initialOrder().ifPresent(order -> view.put("initialOrder", order(order)));
        return view;
    }

    public static Map<String, Object> companyWithLicences(Company company, LicenceCounts counts) {
        Map<String, Object> view = company(company);
        view.put("licences", counts(counts));
        return view;
    }

    public static Map<String, Object> counts(LicenceCounts counts) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("active", counts.active());
        view.put("expired", counts.expired());
        view.put("unlicensed", counts.unlicensed());
        view.put("archived", counts.archived());
        view.put("availableSeats", counts.availableSeats());
        return view;
    }

    public static Map<String, Object> order(Order order) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("orderId", order.orderId().value());
        view.put("companyId", order.companyId().value());
        view.put("quantity", order.quantity());
        view.put("kind", order.kind().wire());
        view.put("status", order.status().name());
        view.put("purchaseOrderRef", order.purchaseOrderRef().orElse(null));
        view.put("note", order.note().orElse(null));
        view.put("requestedAt", order.requestedAt().toString());
        view.put("requestedBy", order.requestedBy().value());
        view.put("assignedAt", text(order.assignedAt()));
        view.put("assignedBy", order.assignedBy().map(Object::toString).orElse(null));
        view.put("poolId", order.poolId().map(Object::toString).orElse(null));
        order.rejectionReason().ifPresent(reason -> view.put("rejectionReason", reason));
        order.closedAt().ifPresent(at -> view.put("closedAt", at.toString()));
        return view;
    }

    public static Map<String, Object> pool(LicencePool pool, Instant now) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("poolId", pool.poolId().value());
        view.put("orderId", pool.orderId().value());
        view.put("seats", pool.seats());
        view.put("allocated", pool.allocated());
        view.put("available", pool.available(now));
        view.put("startsAt", pool.startsAt().toString());
        view.put("expiresAt", pool.expiresAt().toString());
        view.put("status", pool.status(now));
        return view;
    }

    public static Map<String, Object> licences(LicenceOverview overview) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("pools", overview.pools().stream().map(pool -> pool(pool, overview.now())).toList());
        view.put("counts", counts(overview.counts()));
        return view;
    }

    public static Map<String, Object> learner(Learner learner, Company company, Instant now) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("learnerId", learner.learnerId().value());
        view.put("email", learner.email());
        view.put("firstName", learner.firstName());
        view.put("lastName", learner.lastName());
        view.put("role", learner.role().name());
        view.put("licenceStatus", learner.statusAt(now, company).name());
        view.put("licenceType", learner.licenceType().map(Enum::name).orElse(null));
        view.put("expiresAt", text(learner.endAt(company)));
        view.put("poolId", learner.poolId().map(Object::toString).orElse(null));
        view.put("source", learner.source().name());
        view.put("createdAt", learner.createdAt().toString());
        return view;
    }

    public static Map<String, Object> added(AddedLearners added, Company company, Instant now) {
        List<Map<String, Object>> rows = new ArrayList<>();
        long licensed = 0;
        long unlicensed = 0;
        for (AddedLearners.Row row : added.rows()) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("row", row.row());
            view.put("email", row.email());
            view.put("result", row.outcome().name());
            row.reason().ifPresent(reason -> view.put("reason", reason));
            if (row.learner().isPresent()) {
                Map<String, Object> learner = learner(row.learner().get(), company, now);
                learner.remove("email");
                view.putAll(learner);
                if (row.outcome() == AddedLearners.Outcome.created) {
                    if ("active".equals(learner.get("licenceStatus"))) licensed++;
                    else unlicensed++;
                }
            }
            rows.add(view);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("created", added.count(AddedLearners.Outcome.created));
        summary.put("licensed", licensed);
        summary.put("unlicensed", unlicensed);
        summary.put("alreadyExisting", added.count(AddedLearners.Outcome.exists));
        summary.put("invalid", added.count(AddedLearners.Outcome.invalid));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("summary", summary);
        view.put("message", unlicensed == 0
                ? "Every new learner holds a licence."
                : unlicensed + " new learner" + (unlicensed == 1 ? " got" : "s got")
                + " no seat and " + (unlicensed == 1 ? "is" : "are") + " unlicensed: no free seat was left. "
                + "They take seats, oldest first, when the next order is assigned.");
        view.put("learners", rows);
        return view;
    }

    /**
     * What a renewal did, by pool and by reason rather than learner by learner: 100,000 learners must
     * fit Lambda's 6 MB response (an id is about 29 bytes of JSON; a whole learner about 330).
     * {@code GET …/learners} gives each learner whole.
     */
    public static Map<String, Object> renewal(Renewal renewal, Company company) {
        Map<String, List<Learner>> byPool = renewal.renewed().stream().collect(Collectors.groupingBy(
                learner -> learner.poolId().orElseThrow().value(), LinkedHashMap::new, Collectors.toList()));
        Map<String, List<Renewal.Skipped>> byReason = renewal.skipped().stream().collect(Collectors.groupingBy(
                Renewal.Skipped::reason, LinkedHashMap::new, Collectors.toList()));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("renewed", renewal.renewed().size());
        view.put("pools", byPool.entrySet().stream().map(pool -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("poolId", pool.getKey());
            p.put("expiresAt", text(pool.getValue().get(0).endAt(company)));
            p.put("renewed", pool.getValue().size());
            p.put("learnerIds", pool.getValue().stream().map(l -> l.learnerId().value()).toList());
            return p;
        }).toList());
        view.put("skipped", byReason.entrySet().stream().map(reason -> {
            Map<String, Object> group = new LinkedHashMap<>();
            group.put("reason", reason.getKey());
            group.put("count", reason.getValue().size());
            group.put("learnerIds", reason.getValue().stream().map(s -> s.learnerId().value()).toList());
            return group;
        }).toList());
        return view;
    }

    public static Map<String, Object> startedImport(com.partnerchannel.licensing.renewal.application.StartedImport started) {
        Map<String, Object> view = renewalImport(started.renewalImport());
        view.put("uploadUrl", started.uploadUrl().toString());
        return view;
    }

    public static Map<String, Object> renewalImport(com.partnerchannel.licensing.renewal.model.RenewalImport i) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("importId", i.importId().value());
        view.put("companyId", i.companyId().value());
        view.put("status", i.status().name());
        view.put("createdAt", i.createdAt().toString());
        view.put("uploadExpiresAt", i.uploadExpiresAt().toString());
        i.failure().ifPresent(f -> view.put("failure", Map.of("code", f.code().name(), "message", f.message())));
        i.analysis().ifPresent(a -> {
            // What a confirm names: the analysis the manager reviewed.
            view.put("analysisId", a.analysisId());
            view.put("columns", a.columns());
            view.put("emailColumn", a.emailColumn());
            view.put("dataRows", a.dataRows());
            Map<String, Object> toRenew = new LinkedHashMap<>();
            toRenew.put("count", a.toRenew());
            toRenew.put("rows", a.toRenewPreview().stream().map(Views::importRow).toList());
            view.put("toRenew", toRenew);
            Map<String, Object> notRenewed = new LinkedHashMap<>();
            notRenewed.put("count", a.notRenewedTotal());
            Map<String, Object> byReason = new LinkedHashMap<>();
            a.notRenewed().forEach((reason, count) -> byReason.put(reason.name(), count));
            notRenewed.put("byReason", byReason);
            notRenewed.put("rows", a.notRenewedPreview().stream().map(Views::importRow).toList());
            view.put("notRenewed", notRenewed);
            view.put("rowsShown", "each list shows its first "
                    + com.partnerchannel.licensing.renewal.model.Analysis.PREVIEW_ROWS + " rows; count gives the total,"
                    + " and GET …/renewal-imports/" + i.importId().value() + "/rows?list=toRenew|notRenewed every row");
            view.put("analysedAt", a.analysedAt().toString());
        });
        i.result().ifPresent(r -> {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("analysisId", r.analysisId());
            result.put("renewed", r.renewed());
            result.put("excluded", r.excluded());
            result.put("skipped", r.skipped());
            result.put("confirmedAt", r.confirmedAt().toString());
            view.put("result", result);
        });
        i.confirmation().ifPresent(c -> {
            Map<String, Object> confirmation = new LinkedHashMap<>();
            confirmation.put("analysisId", c.analysisId());
            confirmation.put("requestedAt", c.requestedAt().toString());
            confirmation.put("requestedBy", c.requestedBy().userId().value());
            confirmation.put("excluded", c.exclude().size());
            c.failure().ifPresent(f -> {
                Map<String, Object> failure = new LinkedHashMap<>(f.details());
                failure.put("message", f.message());
                failure.put("at", f.at().toString());
                confirmation.put("failure", failure);
            });
            view.put("confirmation", confirmation);
        });
        // While analysing: the column asked for; the fields above are still the previous analysis'.
        i.reanalysis().ifPresent(r -> view.put("reanalysis", Map.of("emailColumn", r.emailColumn(),
                "requestedAt", r.requestedAt().toString(), "requestedBy", r.requestedBy().userId().value())));
        // Uploads that came once the confirm had begun: recorded, never analysed.
        if (i.ignoredUploads().count() > 0) {
            view.put("ignoredUploads", Map.of("count", i.ignoredUploads().count(), "latest",
                    i.ignoredUploads().latest().stream().map(u -> Map.of("etag", u.etag(), "size", u.size(),
                            "importStatus", u.importStatus().name(), "at", u.at().toString())).toList()));
        }
        return view;
    }

    /** A row of an analysed file: to renew (with its learner), or not renewed (with the reason). */
    public static Map<String, Object> importRow(com.partnerchannel.licensing.renewal.model.Row r) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("row", r.row());
        view.put("email", r.email());
        r.learnerId().ifPresent(id -> view.put("learnerId", id));
        r.reason().ifPresent(reason -> {
            view.put("reason", reason.name());
            view.put("detail", reason.description());
        });
        return view;
    }

    public static <T> Map<String, Object> page(Page<T> page, Function<T, Object> item) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("items", page.items().stream().map(item).toList());
        view.put("nextCursor", page.nextCursor());
        return view;
    }

    private static String text(Optional<Instant> at) {
        return at.map(Instant::toString).orElse(null);
    }
}

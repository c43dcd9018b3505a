package com.partnerchannel.licensing.dynamodb;

import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.CompanyKind;
import com.partnerchannel.licensing.tenancy.model.LearnerCounts;
import com.partnerchannel.licensing.tenancy.model.Manager;
import com.partnerchannel.licensing.tenancy.model.Plan;
import com.partnerchannel.licensing.tenancy.model.TreePath;
import com.partnerchannel.licensing.tenancy.model.UserId;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static com.partnerchannel.licensing.dynamodb.Attr.s;

/**
 * Company: PK {@code C#<companyId>}, SK {@code COMPANY}; GSI1 {@code T#<rootId>} / {@code COMPANY#<path>};
 * top-level partners GSI2 {@code PLATFORM#PARTNERS} / {@code COMPANY#<companyId>}; trials GSI4 (expiry).
 */
final class CompanyItems {
    static final String SK = "COMPANY";
    static final String TOP_LEVEL = "PLATFORM#PARTNERS";
    /** The licence counters and the moment they began (docs/data-model.md, "Licence counts on the company item"). */
    static final String UNLICENSED = "unlicensedLearners";
    static final String ARCHIVED = "archivedLearners";
    static final String TRIAL_LICENCES = "trialLicences";
    static final String COUNTED_SINCE = "countedSince";

    private CompanyItems() {
    }

    static Map<String, AttributeValue> key(CompanyId id) {
        return Map.of(Keys.PK, s(Keys.company(id.value())), Keys.SK, s(SK));
    }

    static String treeSortKey(TreePath path) {
        return "COMPANY#" + path.value();
    }

    static Map<String, AttributeValue> toItem(Company company) {
        Map<String, AttributeValue> item = new HashMap<>(key(company.companyId()));
        item.put("type", s("company"));
        item.put("companyId", s(company.companyId().value()));
        item.put("name", s(company.name()));
        item.put("nameLower", s(company.name().toLowerCase(Locale.ROOT)));
        item.put("kind", s(company.kind().name()));
        Attr.putOpt(item, "parentId", company.parentId());
        item.put("rootId", s(company.rootId().value()));
        item.put("path", s(company.path().value()));
        Attr.putOpt(item, "plan", company.plan());
        item.put("createdAt", Attr.t(company.createdAt()));
        Attr.putOptTime(item, "trialEndsAt", company.trialEndsAt());
        item.put("managers", AttributeValue.fromL(company.managers().stream()
                .map(m -> AttributeValue.fromM(Map.of("userId", s(m.userId().value()), "email", s(m.email()),
                        "name", s(m.name()))))
                .toList()));
        item.put(Keys.pk(Keys.GSI1), s(Keys.tree(company.rootId().value())));
        item.put(Keys.sk(Keys.GSI1), s(treeSortKey(company.path())));
        if (company.parentId().isEmpty()) {
            item.put(Keys.pk(Keys.GSI2), s(TOP_LEVEL));
            item.put(Keys.sk(Keys.GSI2), s("COMPANY#" + company.companyId().value()));
        }
        company.learnerCounts().ifPresent(counts -> {
            item.put(UNLICENSED, Attr.n(counts.unlicensed()));
            item.put(ARCHIVED, Attr.n(counts.archived()));
            item.put(TRIAL_LICENCES, Attr.n(counts.trialLicences()));
            item.put(COUNTED_SINCE, Attr.t(counts.countedSince()));
        });
        company.trialEndsAt().filter(end -> company.isTrial()).ifPresent(end -> {
            item.put(Keys.pk(Keys.EXPIRY), s(Keys.expiryPartition(Attr.time(end).substring(0, 10),
                    company.companyId().value(), "TRIAL")));
            item.put(Keys.sk(Keys.EXPIRY), s(Attr.time(end) + "#C#" + company.companyId().value() + "#TRIAL"));
        });
        return item;
    }

    static Company fromItem(Map<String, AttributeValue> item) {
        List<Manager> managers = item.containsKey("managers")
                ? item.get("managers").l().stream().map(AttributeValue::m)
                .map(m -> new Manager(new UserId(m.get("userId").s()), m.get("email").s(), m.get("name").s()))
                .toList()
                : List.of();
        return new Company(
                new CompanyId(Attr.str(item, "companyId")),
                Attr.str(item, "name"),
                CompanyKind.valueOf(Attr.str(item, "kind")),
                Attr.optStr(item, "parentId").map(CompanyId::new),
                new TreePath(Attr.str(item, "path")),
                Attr.optStr(item, "plan").map(Plan::valueOf),
                Attr.instant(item, "createdAt"),
                Attr.optInstant(item, "trialEndsAt"),
                managers,
                // Counters without the moment they began are what writes added to a company created before them.
                Attr.optInstant(item, COUNTED_SINCE).map(since -> new LearnerCounts(counter(item, UNLICENSED),
                        counter(item, ARCHIVED), counter(item, TRIAL_LICENCES), since)));
    }

    private static int counter(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? Attr.integer(item, name) : 0;
    }

    /**
     * The company's counters changed by {@code delta}, in the transaction that moves its learners (nothing when
     * no counter changes): ADD on each counter that does. The learners' own conditions make it exact; the company
     * must exist, as an ADD would otherwise make an item (docs/data-model.md, "Licence counts on the company item").
     */
    static <T> void countersChanged(Transaction<T> transaction, T tag, CompanyId id, LearnerCounts.Delta delta) {
        if (delta.isNone()) return;
        List<String> adds = new java.util.ArrayList<>();
        Map<String, AttributeValue> values = new HashMap<>();
        addIfAny(adds, values, UNLICENSED, ":u", delta.unlicensed());
        addIfAny(adds, values, ARCHIVED, ":a", delta.archived());
        addIfAny(adds, values, TRIAL_LICENCES, ":t", delta.trialLicences());
        transaction.update(tag, key(id), "ADD " + String.join(", ", adds), "attribute_exists(PK)", Map.of(), values);
    }

    private static void addIfAny(List<String> adds, Map<String, AttributeValue> values, String counter, String value,
                                 int change) {
        if (change == 0) return;
        adds.add(counter + " " + value);
        values.put(value, Attr.n(change));
    }

    /**
     * The upgrade: the plan, the trial's end and out of the expiry index, on condition that it is still a trial
     * company; an update, not a put, so that the counters (and what the sweep recorded) stay as they are.
     */
    static <T> void upgrade(Transaction<T> transaction, T tag, Company upgraded) {
        transaction.update(tag, key(upgraded.companyId()),
                "SET #plan = :premium, trialEndsAt = :end REMOVE " + Keys.pk(Keys.EXPIRY) + ", " + Keys.sk(Keys.EXPIRY),
                "#plan = :trial", Map.of("#plan", "plan"),
                Map.of(":premium", s(upgraded.plan().orElseThrow().name()),
                        ":end", Attr.t(upgraded.trialEndsAt().orElseThrow()), ":trial", s("trial")));
    }

    static Optional<Company> maybe(Map<String, AttributeValue> item) {
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }
}

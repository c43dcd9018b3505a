package com.partnerchannel.licensing.dynamodb;

import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.CompanyKind;
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
                managers);
    }

    static Optional<Company> maybe(Map<String, AttributeValue> item) {
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }
}

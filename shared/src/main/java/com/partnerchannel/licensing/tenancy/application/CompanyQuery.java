package com.partnerchannel.licensing.tenancy.application;

import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.common.IdShape;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.CompanyKind;
import com.partnerchannel.licensing.tenancy.model.Plan;

import java.util.Locale;
import java.util.Optional;

/** Filters of the multi-tenant view. {@code q} matches a part of the name, ignoring case. */
public record CompanyQuery(Optional<CompanyId> parentId, Optional<CompanyKind> kind, Optional<Plan> plan,
                           Optional<String> q) {

    public static CompanyQuery all() {
        return new CompanyQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static CompanyQuery of(String parentId, String kind, String plan, String q) {
        return new CompanyQuery(
                blank(parentId) ? Optional.empty() : Optional.of(new CompanyId(IdShape.require("parentId", parentId.trim()))),
                blank(kind) ? Optional.empty() : Optional.of(parse(CompanyKind.class, "kind", kind)),
                blank(plan) ? Optional.empty() : Optional.of(parse(Plan.class, "plan", plan)),
                blank(q) ? Optional.empty() : Optional.of(q.trim().toLowerCase(Locale.ROOT)));
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value.trim())) return constant;
        }
        StringBuilder allowed = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            if (allowed.length() > 0) allowed.append(", ");
            allowed.append(constant.name());
        }
        throw Problem.invalid(field, "must be one of " + allowed + " (was '" + value + "')");
    }
}

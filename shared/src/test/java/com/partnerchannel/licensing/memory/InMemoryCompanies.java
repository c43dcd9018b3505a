package com.partnerchannel.licensing.memory;

import com.partnerchannel.licensing.common.Page;
import com.partnerchannel.licensing.common.PageRequest;
import com.partnerchannel.licensing.tenancy.application.Companies;
import com.partnerchannel.licensing.tenancy.application.CompanyQuery;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.TreePath;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/** {@link Companies} on an {@link InMemoryTable}: subtrees in tree-path order, top-level partners by id. */
public final class InMemoryCompanies implements Companies {
    private final InMemoryTable table;

    public InMemoryCompanies(InMemoryTable table) {
        this.table = table;
    }

    @Override
    public Optional<Company> get(CompanyId id) {
        synchronized (table) {
            return Optional.ofNullable(table.companies.get(id)).map(InMemoryTable.CompanyRow::company);
        }
    }

    @Override
    public Page<Company> below(TreePath path, CompanyQuery query, PageRequest page) {
        String self = path.ids().get(path.ids().size() - 1);
        return InMemoryTable.page(matching(company -> company.rootId().equals(path.rootId())
                        && company.path().isWithin(path) && !company.companyId().value().equals(self), query),
                company -> "COMPANY#" + company.path().value(), page);
    }

    @Override
    public Page<Company> topLevelPartners(CompanyQuery query, PageRequest page) {
        return InMemoryTable.page(matching(company -> company.parentId().isEmpty(), query),
                company -> "COMPANY#" + company.companyId().value(), page);
    }

    private List<Company> matching(Predicate<Company> where, CompanyQuery query) {
        synchronized (table) {
            return table.companies.values().stream().map(InMemoryTable.CompanyRow::company).filter(where)
                    .filter(c -> query.parentId().map(parent -> c.parentId().equals(Optional.of(parent))).orElse(true))
                    .filter(c -> query.kind().map(kind -> c.kind() == kind).orElse(true))
                    .filter(c -> query.plan().map(plan -> c.plan().equals(Optional.of(plan))).orElse(true))
                    .filter(c -> query.q().map(q -> c.name().toLowerCase(Locale.ROOT).contains(q)).orElse(true))
                    .toList();
        }
    }
}

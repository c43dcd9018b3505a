package com.partnerchannel.licensing.tenancy.application;

import com.partnerchannel.licensing.common.Page;
import com.partnerchannel.licensing.common.PageRequest;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.TreePath;

import java.util.Optional;

public interface Companies {
    Optional<Company> get(CompanyId id);

    /** Companies strictly below {@code path}, in tree order. */
    Page<Company> below(TreePath path, CompanyQuery query, PageRequest page);

    Page<Company> topLevelPartners(CompanyQuery query, PageRequest page);
}

package com.partnerchannel.licensing.allocation.application;

import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.User;

import java.util.List;

public interface Learners {
    /** Every learner of the company (its managers included). */
    List<User> ofCompany(CompanyId companyId);
}

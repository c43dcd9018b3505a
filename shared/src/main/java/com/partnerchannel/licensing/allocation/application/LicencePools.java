package com.partnerchannel.licensing.allocation.application;

import com.partnerchannel.licensing.allocation.model.LicencePool;
import com.partnerchannel.licensing.tenancy.model.CompanyId;

import java.util.List;

public interface LicencePools {
    /** Every pool of the company, soonest expiry first. */
    List<LicencePool> ofCompany(CompanyId companyId);
}

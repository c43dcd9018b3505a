package com.partnerchannel.licensing.allocation.application;

import com.partnerchannel.licensing.allocation.model.CompanyPools;
import com.partnerchannel.licensing.allocation.model.LicencePool;
import com.partnerchannel.licensing.tenancy.model.CompanyId;

import java.time.Instant;
import java.util.List;

public interface LicencePools {
    /** Every pool of the company, soonest expiry first. */
    List<LicencePool> ofCompany(CompanyId companyId);

    /** Unexpired pools of the company that still have a free seat, soonest expiry first. */
    List<LicencePool> withFreeSeats(CompanyId companyId, Instant now);

    /** Pools whose assignment still owes seats to unlicensed learners (the work after an assignment). */
    List<LicencePool> owingSeats(CompanyId companyId);

    /**
     * Every pool of the company, and which still owe seats, in one strongly consistent read: what adding,
     * restoring, assigning and renewing ask before they take seats (docs/data-model.md, "Pools of a company").
     */
    CompanyPools seating(CompanyId companyId);

    /** The assignment's work is done: unlicensed learners have had their chance at this pool. */
    void settled(LicencePool pool);
}

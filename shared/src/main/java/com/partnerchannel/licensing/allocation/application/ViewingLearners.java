package com.partnerchannel.licensing.allocation.application;

import com.partnerchannel.licensing.tenancy.application.CompanyAccess;

import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.allocation.model.LicenceStatus;
import com.partnerchannel.licensing.common.Page;
import com.partnerchannel.licensing.common.PageRequest;
import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.tenancy.application.Companies;
import com.partnerchannel.licensing.tenancy.model.Actor;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.CompanyId;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** A company's learners, by licence status as of now (the "Expired Licences" tab), with search. */
public final class ViewingLearners {
    private final CompanyAccess access;
    private final Learners learners;
    private final Clock clock;

    public ViewingLearners(Companies companies, Learners learners, Clock clock) {
        this.access = new CompanyAccess(companies);
        this.learners = learners;
        this.clock = clock;
    }

    public record Listed(Company company, Page<Learner> page, Instant now) {
    }

    public Listed list(Actor actor, CompanyId companyId, String licenceStatus, String q, PageRequest page) {
        actor.requireManagerOrAdmin();
        Company company = access.customer(actor, companyId);
        Optional<LicenceStatus> status = Optional.empty();
        if (licenceStatus != null && !licenceStatus.isBlank()) {
            try {
                status = Optional.of(LicenceStatus.valueOf(licenceStatus.trim()));
            } catch (IllegalArgumentException e) {
                throw Problem.invalid("licenceStatus", "must be active, expired, unlicensed or archived");
            }
        }
        Optional<String> search = q == null || q.isBlank() ? Optional.empty()
                : Optional.of(q.trim().toLowerCase(Locale.ROOT));
        Instant now = clock.instant();
        return new Listed(company, learners.list(company, status, search, now, page), now);
    }
}

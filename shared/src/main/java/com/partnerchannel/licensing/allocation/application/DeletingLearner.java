package com.partnerchannel.licensing.allocation.application;

import com.partnerchannel.licensing.tenancy.application.CompanyAccess;

import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.tenancy.application.Companies;
import com.partnerchannel.licensing.tenancy.model.Actor;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.UserId;

/** Deleting a learner removes its records for good; its seat goes back to its pool for the pool's validity. */
public final class DeletingLearner {
    private final CompanyAccess access;
    private final Learners learners;

    public DeletingLearner(Companies companies, Learners learners) {
        this.access = new CompanyAccess(companies);
        this.learners = learners;
    }

    public void delete(Actor actor, CompanyId companyId, UserId learnerId) {
        actor.requireManagerOrAdmin();
        Company company = access.customer(actor, companyId);
        Learner learner = learners.get(companyId, learnerId).filter(Learner::holdsLicences)
                .orElseThrow(() -> Problem.notFound("learner", learnerId.value()));
        if (company.managers().stream().anyMatch(m -> m.userId().equals(learnerId))) {
            throw Problem.conflict(learner.email() + " is a manager of " + company.name()
                    + "; a company's managers cannot be deleted as learners");
        }
        try {
            learners.delete(learner);
        } catch (Learners.LearnersChanged e) {
            // Deleted (or given a seat) by another request between our read and our write, or a transaction
            // conflict: nothing was deleted, and the same DELETE sent again decides on what is there then.
            throw Problem.keptChanging("learner " + learnerId + " changed meanwhile; try again");
        }
    }
}

package com.partnerchannel.licensing.tenancy.model;

import com.partnerchannel.licensing.common.Problem;

/** Who calls: the claims {@code sub}, {@code company_id} and {@code role} of the verified token. */
public record Actor(UserId userId, CompanyId companyId, Role role) {

    public boolean isPlatformAdmin() {
        return role == Role.platform_admin;
    }

    /** Learners call none of the management routes. */
    public void requireManagerOrAdmin() {
        if (role == Role.learner) {
            throw Problem.forbidden("learners cannot manage companies, orders or licences");
        }
    }
}

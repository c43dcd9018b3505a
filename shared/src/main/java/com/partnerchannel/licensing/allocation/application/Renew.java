package com.partnerchannel.licensing.allocation.application;

import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.tenancy.model.UserId;

import java.util.List;

/**
 * Whom a renewal renews: the learners named, or every expired learner of the company, never both
 * (http.RenewRequest reads it from {@code POST /companies/{companyId}/allocations}' body).
 */
public record Renew(List<UserId> learnerIds, boolean allExpired) {
    public Renew {
        learnerIds = List.copyOf(learnerIds);
        requireWhom(allExpired, learnerIds.size());
    }

    public static Renew learners(List<UserId> learnerIds) {
        return new Renew(learnerIds, false);
    }

    public static Renew everyExpired() {
        return new Renew(List.of(), true);
    }

    /** Learners named, or all expired, and not too many: @throws Problem (400) otherwise */
    public static void requireWhom(boolean allExpired, int named) {
        if (allExpired == (named > 0)) {
            throw Problem.invalid("learnerIds", "name the learners to renew, or send allExpired: true (not both)");
        }
        if (named > RenewingLicences.MAX_LEARNERS) {
            throw Problem.invalid("learnerIds", "at most " + RenewingLicences.MAX_LEARNERS + " learners in one renewal");
        }
    }
}

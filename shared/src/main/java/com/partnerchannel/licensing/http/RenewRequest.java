package com.partnerchannel.licensing.http;

import com.partnerchannel.licensing.allocation.application.Renew;
import com.partnerchannel.licensing.common.IdShape;
import com.partnerchannel.licensing.common.Validation;
import com.partnerchannel.licensing.tenancy.model.UserId;

import java.util.List;

/** The body of {@code POST /companies/{companyId}/allocations}, as sent, and its reading into a {@link Renew}. */
public record RenewRequest(List<String> learnerIds, Boolean allExpired) {

    /** Whom to renew. @throws com.partnerchannel.licensing.common.Problem (400): ids that cannot be ours, the first 20 */
    public Renew command() {
        boolean all = Boolean.TRUE.equals(allExpired);
        List<String> chosen = learnerIds == null ? List.of() : learnerIds;
        Renew.requireWhom(all, chosen.size());
        Validation validation = new Validation();
        int malformed = 0;
        for (int i = 0; i < chosen.size() && malformed < 20; i++) {
            if (!IdShape.fits(chosen.get(i))) {
                validation.add("learnerIds[" + i + "]", IdShape.DESCRIPTION);
                malformed++;
            }
        }
        validation.throwIfInvalid();
        return new Renew(chosen.stream().map(UserId::new).toList(), all);
    }
}

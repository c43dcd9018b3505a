package com.partnerchannel.licensing.allocation.application;

import java.util.List;

/** The body of {@code POST /companies/{companyId}/allocations}: chosen learners, or every expired one. */
public record Renew(List<String> learnerIds, Boolean allExpired) {
}

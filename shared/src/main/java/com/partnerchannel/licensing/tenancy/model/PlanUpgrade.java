package com.partnerchannel.licensing.tenancy.model;

import com.partnerchannel.licensing.common.Change;

/** The company becomes premium and its trial ends, on condition that it is still a trial company. */
public record PlanUpgrade(Company upgraded) implements Change {
}

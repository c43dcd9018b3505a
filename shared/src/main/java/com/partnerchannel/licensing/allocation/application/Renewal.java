package com.partnerchannel.licensing.allocation.application;

import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.tenancy.model.UserId;

import java.util.List;

/** What a renewal did: the learners renewed, and those left as they were with the reason. */
public record Renewal(List<Learner> renewed, List<Skipped> skipped) {
    public record Skipped(UserId learnerId, String reason) {
    }
}

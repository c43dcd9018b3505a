package com.partnerchannel.licensing.allocation.model;

import com.partnerchannel.licensing.tenancy.model.LearnerCounts;

import com.partnerchannel.licensing.common.Change;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.NewCompany;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which of the company's counters a learner counts in (docs/data-model.md, "Licence counts on the company
 * item"): recorded unlicensed, recorded archived, or a trial licence (recorded active or expired, no pool). A
 * seat counts in its pool's {@code allocated} instead, and a partner's user, holding no licence, in nothing.
 * The recorded status and the pool alone decide it, which is what every learner write's condition holds.
 */
public final class LearnerCounting {
    private static final LearnerCounts.Delta UNLICENSED = new LearnerCounts.Delta(1, 0, 0);
    private static final LearnerCounts.Delta ARCHIVED = new LearnerCounts.Delta(0, 1, 0);
    private static final LearnerCounts.Delta TRIAL = new LearnerCounts.Delta(0, 0, 1);

    private LearnerCounting() {
    }

    /** What this learner, as it stands, adds to the counters. */
    public static LearnerCounts.Delta of(Learner learner) {
        if (learner.recordedStatus().isEmpty()) return LearnerCounts.Delta.NONE;
        return switch (learner.recordedStatus().get()) {
            case unlicensed -> UNLICENSED;
            case archived -> ARCHIVED;
            case active, expired -> learner.holdsSeat() ? LearnerCounts.Delta.NONE : TRIAL;
        };
    }

    /** What a write that changes {@code before} into {@code after} adds to the counters. */
    public static LearnerCounts.Delta between(Learner before, Learner after) {
        return of(after).plus(of(before).negated());
    }

    /** What creating these learners adds to the counters. */
    public static LearnerCounts.Delta ofAll(Collection<Learner> learners) {
        LearnerCounts.Delta sum = LearnerCounts.Delta.NONE;
        for (Learner learner : learners) sum = sum.plus(of(learner));
        return sum;
    }

    /**
     * What the {@link NewLearner}s of one commit add to the counters of companies that exist already, by company;
     * a company created in the same commit ({@link NewCompany}) counts its learners in its own item.
     */
    public static Map<CompanyId, LearnerCounts.Delta> ofNewLearners(List<? extends Change> changes) {
        Set<CompanyId> created = new HashSet<>();
        Map<CompanyId, LearnerCounts.Delta> deltas = new LinkedHashMap<>();
        for (Change change : changes) {
            if (change instanceof NewCompany c) created.add(c.company().companyId());
            if (change instanceof NewLearner l) deltas.merge(l.learner().companyId(), of(l.learner()), LearnerCounts.Delta::plus);
        }
        deltas.keySet().removeAll(created);
        deltas.values().removeIf(LearnerCounts.Delta::isNone);
        return deltas;
    }
}

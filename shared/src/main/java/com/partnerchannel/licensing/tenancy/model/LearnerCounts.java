package com.partnerchannel.licensing.tenancy.model;

import java.time.Instant;

/**
 * The licence counters a customer's item carries (docs/data-model.md, "Licence counts on the company item"):
 * its learners recorded unlicensed, recorded archived, and holding a trial licence (recorded active or
 * expired). Seats are counted by their pools' {@code allocated}. {@code countedSince} is when counting began.
 */
public record LearnerCounts(int unlicensed, int archived, int trialLicences, Instant countedSince) {

    /** Nothing counted yet, from {@code since}. */
    public static LearnerCounts none(Instant since) {
        return new LearnerCounts(0, 0, 0, since);
    }

    public LearnerCounts plus(Delta delta) {
        return new LearnerCounts(unlicensed + delta.unlicensed(), archived + delta.archived(),
                trialLicences + delta.trialLicences(), countedSince);
    }

    /** A change of the counters: what one write adds to each (negative: takes away). */
    public record Delta(int unlicensed, int archived, int trialLicences) {
        public static final Delta NONE = new Delta(0, 0, 0);

        public Delta plus(Delta other) {
            return new Delta(unlicensed + other.unlicensed, archived + other.archived,
                    trialLicences + other.trialLicences);
        }

        public Delta negated() {
            return new Delta(-unlicensed, -archived, -trialLicences);
        }

        public boolean isNone() {
            return unlicensed == 0 && archived == 0 && trialLicences == 0;
        }
    }
}

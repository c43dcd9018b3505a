package com.partnerchannel.licensing.allocation.application;

import com.partnerchannel.licensing.allocation.model.Learner;

import java.util.List;
import java.util.Optional;

/** What became of every row of an add: created (with or without a seat), already a user, or invalid. */
public record AddedLearners(List<Row> rows) {
    public enum Outcome { created, exists, invalid }

    /** {@code row} counts from 1, as a person reading the request or file would. */
    public record Row(int row, String email, Outcome outcome, Optional<Learner> learner, Optional<String> reason) {
    }

    public long count(Outcome outcome) {
        return rows.stream().filter(r -> r.outcome() == outcome).count();
    }
}

package com.partnerchannel.licensing.http;

import com.partnerchannel.licensing.allocation.application.AddLearners;
import com.partnerchannel.licensing.allocation.model.LearnerRole;
import com.partnerchannel.licensing.allocation.model.LearnerSource;
import com.partnerchannel.licensing.common.Problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The body of {@code POST /companies/{companyId}/learners}, as sent, and its reading into {@link AddLearners}:
 * the source and the number of rows checked (a 400), then each row read into a learner to add or, with the
 * first of its problems, a row reported invalid (the valid rows still go in).
 */
public record AddLearnersRequest(List<Row> learners, String source) {
    public record Row(String email, String firstName, String lastName, String role) {
    }

    /** The learners the body names. @throws Problem (400) for an unknown source, or no rows or too many */
    public AddLearners command() {
        LearnerSource from = LearnerSource.manual;
        if (source != null) {
            from = sourceOf(source).orElseThrow(() -> Problem.invalid("source", "must be manual, csv or directory"));
        }
        List<Row> rows = learners == null ? List.of() : learners;
        AddLearners.countProblem(rows.size()).ifPresent(problem -> {
            throw Problem.invalid("learners", problem);
        });
        List<AddLearners.Row> read = new ArrayList<>(rows.size());
        for (Row row : rows) read.add(read(row));
        return new AddLearners(read, from);
    }

    private static AddLearners.Row read(Row row) {
        if (row == null) return new AddLearners.Invalid(null, "empty row");
        LearnerRole role = row.role() == null ? LearnerRole.learner : roleOf(row.role()).orElse(null);
        return AddLearners.row(row.email(), row.firstName(), row.lastName(), role);
    }

    private static Optional<LearnerSource> sourceOf(String value) {
        for (LearnerSource known : LearnerSource.values()) {
            if (known.name().equals(value)) return Optional.of(known);
        }
        return Optional.empty();
    }

    private static Optional<LearnerRole> roleOf(String value) {
        for (LearnerRole known : LearnerRole.values()) {
            if (known.name().equals(value)) return Optional.of(known);
        }
        return Optional.empty();
    }
}

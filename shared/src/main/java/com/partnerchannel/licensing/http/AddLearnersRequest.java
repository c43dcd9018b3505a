package com.partnerchannel.licensing.http;

import com.partnerchannel.licensing.allocation.application.AddLearners;
import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.tenancy.model.Role;

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
        AddLearners.Source from = AddLearners.Source.manual;
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
        Role role = row.role() == null ? Role.learner : roleOf(row.role()).orElse(null);
        return AddLearners.row(row.email(), row.firstName(), row.lastName(), role);
    }

    private static Optional<AddLearners.Source> sourceOf(String value) {
        for (AddLearners.Source known : AddLearners.Source.values()) {
            if (known.name().equals(value)) return Optional.of(known);
        }
        return Optional.empty();
    }

    private static Optional<Role> roleOf(String value) {
        for (Role known : Role.values()) {
            if (known.name().equals(value)) return Optional.of(known);
        }
        return Optional.empty();
    }
}

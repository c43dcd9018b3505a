package com.partnerchannel.licensing.allocation.application;

import com.partnerchannel.licensing.allocation.model.LearnerRole;
import com.partnerchannel.licensing.allocation.model.LearnerSource;
import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.common.Text;
import com.partnerchannel.licensing.tenancy.model.Emails;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Learners to add, as the rules read them: where they come from, and each row of the request either a
 * learner to add (a valid email, names of one line, trimmed, and a role) or a row that is not one, with why:
 * an invalid row is reported by its row and the valid ones still go in (http.AddLearnersRequest reads it
 * from {@code POST /companies/{companyId}/learners}' body). The rules of a row are here, so that the reader
 * and whoever else builds one check the same.
 */
public record AddLearners(List<Row> rows, LearnerSource source) {
    /** One row of the request, as sent: a learner to add, or why it is not one. */
    public sealed interface Row permits Valid, Invalid {
    }

    /** A learner to add: the email as sent (spaces around it are dropped when it is added), names trimmed ("" when none). */
    public record Valid(String email, String firstName, String lastName, LearnerRole role) implements Row {
        public Valid {
            // Checked before trimming, which would quietly drop a control character at either end.
            Optional<String> problem = problemWith(email, firstName, lastName, role);
            if (problem.isPresent()) throw new IllegalArgumentException(problem.get());
            firstName = firstName == null ? "" : firstName.trim();
            lastName = lastName == null ? "" : lastName.trim();
        }
    }

    /** A row that names no learner to add: the email as sent (null when none), and why. */
    public record Invalid(String email, String reason) implements Row {
        public Invalid {
            Objects.requireNonNull(reason, "reason");
        }
    }

    public AddLearners {
        rows = List.copyOf(rows);
        Objects.requireNonNull(source, "source");
        countProblem(rows.size()).ifPresent(problem -> {
            throw Problem.invalid("learners", problem);
        });
    }

    /** At least one row, and at most {@link AddingLearners#MAX_ROWS}. */
    public static Optional<String> countProblem(int rows) {
        if (rows == 0) return Optional.of("name at least one learner");
        if (rows > AddingLearners.MAX_ROWS) {
            return Optional.of("at most " + AddingLearners.MAX_ROWS + " learners in one request (got " + rows + ")");
        }
        return Optional.empty();
    }

    /**
     * A row as sent, read: a learner to add, or, with the first of its problems, a row that is not one.
     * {@code role} null: none a learner can have.
     */
    public static Row row(String email, String firstName, String lastName, LearnerRole role) {
        Optional<String> problem = problemWith(email, firstName, lastName, role);
        return problem.isPresent() ? new Invalid(email, problem.get()) : new Valid(email, firstName, lastName, role);
    }

    private static Optional<String> problemWith(String email, String firstName, String lastName, LearnerRole role) {
        return emailProblem(email).or(() -> roleProblem(role)).or(() -> namesProblem(firstName, lastName));
    }

    private static Optional<String> emailProblem(String email) {
        if (email == null || email.isBlank()) return Optional.of("email is required");
        if (!Emails.isEmail(email)) return Optional.of("not an email address");
        return Optional.empty();
    }

    /** A learner's role in the company: a learner, or a manager too. */
    private static Optional<String> roleProblem(LearnerRole role) {
        return role != null ? Optional.empty() : Optional.of("role must be learner or manager");
    }

    private static Optional<String> namesProblem(String firstName, String lastName) {
        if (!isOneLine(firstName) || !isOneLine(lastName)) return Optional.of("names must be one line of visible text");
        if (length(firstName) > 100 || length(lastName) > 100) return Optional.of("names are at most 100 characters");
        return Optional.empty();
    }

    private static boolean isOneLine(String value) {
        return value == null || Text.forbiddenInOneLine(value).isEmpty();
    }

    private static int length(String value) {
        return value == null ? 0 : value.trim().length();
    }
}

package com.partnerchannel.licensing.http;

import com.partnerchannel.licensing.allocation.model.LearnerRole;
import com.partnerchannel.licensing.allocation.model.LearnerSource;
import com.partnerchannel.licensing.allocation.application.AddLearners;
import com.partnerchannel.licensing.common.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code POST /companies/{companyId}/learners}' body read into {@link AddLearners}: the source and the number
 * of rows refuse the request; a row's problem makes that row invalid, with the first of its problems.
 */
class AddLearnersRequestTest {

    private static AddLearnersRequest body(String json) {
        return Json.read(json, AddLearnersRequest.class);
    }

    private static AddLearnersRequest.Row row(String email, String firstName, String lastName, String role) {
        return new AddLearnersRequest.Row(email, firstName, lastName, role);
    }

    private static AddLearners.Row read(AddLearnersRequest.Row row) {
        return new AddLearnersRequest(List.of(row), null).command().rows().get(0);
    }

    private static void assertRefused(AddLearnersRequest body, String field, String message) {
        assertThatThrownBy(body::command).isInstanceOfSatisfying(Problem.class, problem -> {
            assertThat(problem.kind()).isEqualTo(Problem.Kind.INVALID);
            assertThat(problem.errors()).containsExactly(new Problem.FieldError(field, message));
        });
    }

    @Test
    void rowsAreReadAsTypedLearnersWithNamesTrimmedAndTheSourceManualWhenNoneIsSent() {
        AddLearners read = body("{\"learners\":[{\"email\":\" Ann@Acme.test \",\"firstName\":\" Ann \",\"lastName\":\"Able\"},"
                + "{\"email\":\"bob@acme.test\",\"role\":\"manager\"}]}").command();
        assertThat(read).isEqualTo(new AddLearners(List.of(
                new AddLearners.Valid(" Ann@Acme.test ", "Ann", "Able", LearnerRole.learner),
                new AddLearners.Valid("bob@acme.test", "", "", LearnerRole.manager)), LearnerSource.manual));
        assertThat(body("{\"source\":\"csv\",\"learners\":[{\"email\":\"a@b.test\"}]}").command().source())
                .isEqualTo(LearnerSource.csv);
        assertThat(body("{\"source\":\"directory\",\"learners\":[{\"email\":\"a@b.test\"}]}").command().source())
                .isEqualTo(LearnerSource.directory);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "CSV", "manual ", "scim", "null"})
    void anUnknownSourceRefusesTheRequest(String source) {
        assertRefused(new AddLearnersRequest(List.of(row("a@b.test", null, null, null)), source), "source",
                "must be manual, csv or directory");
    }

    @Test
    void noRowsOrTooManyRefuseTheRequest() {
        assertRefused(body(""), "learners", "name at least one learner");
        assertRefused(body("{\"learners\":[]}"), "learners", "name at least one learner");
        assertRefused(body("{\"learners\":null}"), "learners", "name at least one learner");
        List<AddLearnersRequest.Row> many = new ArrayList<>(Collections.nCopies(10_001, row("a@b.test", null, null, null)));
        assertRefused(new AddLearnersRequest(many, "csv"), "learners", "at most 10000 learners in one request (got 10001)");
        assertThat(new AddLearnersRequest(many.subList(0, 10_000), "csv").command().rows()).hasSize(10_000);
    }

    @Test
    void theSourceIsCheckedBeforeTheRows() {
        assertRefused(new AddLearnersRequest(List.of(), "fax"), "source", "must be manual, csv or directory");
    }

    @Test
    void valuesOfTheWrongTypeAreRefusedByTheReader() {
        assertThatThrownBy(() -> body("{\"learners\":{\"email\":\"a@b.test\"}}")).isInstanceOfSatisfying(Problem.class,
                problem -> assertThat(problem.errors()).containsExactly(new Problem.FieldError("learners", "has the wrong type")));
        assertThatThrownBy(() -> body("{\"learners\":[{\"email\":5}]}")).isInstanceOfSatisfying(Problem.class,
                problem -> assertThat(problem.errors()).extracting(Problem.FieldError::message).containsExactly("has the wrong type"));
        assertThatThrownBy(() -> body("{\"source\":1,\"learners\":[]}")).isInstanceOf(Problem.class);
        assertThatThrownBy(() -> body("{\"learners\":[null]}")).isInstanceOfSatisfying(Problem.class,
                problem -> assertThat(problem.errors()).containsExactly(new Problem.FieldError("learners[0]", "must not be null")));
    }

    @Test
    void aRowWithAProblemIsInvalidWithItsFirstProblemAndTheEmailAsSent() {
        assertThat(read(row(null, "Ann", null, null))).isEqualTo(new AddLearners.Invalid(null, "email is required"));
        assertThat(read(row("   ", null, null, "admin"))).isEqualTo(new AddLearners.Invalid("   ", "email is required"));
        assertThat(read(row("not-an-email", null, null, null))).isEqualTo(new AddLearners.Invalid("not-an-email", "not an email address"));
        assertThat(read(row("ann@acme.test\n", null, null, null))).isEqualTo(new AddLearners.Invalid("ann@acme.test\n", "not an email address"));
        assertThat(read(row("a".repeat(65) + "@acme.test", null, null, null))).isInstanceOf(AddLearners.Invalid.class);
        for (String role : List.of("platform_admin", "Manager", "", "admin")) {
            assertThat(read(row("ann@acme.test", null, null, role)))
                    .isEqualTo(new AddLearners.Invalid("ann@acme.test", "role must be learner or manager"));
        }
        assertThat(read(row("ann@acme.test", "Ann\u0000", null, null)))
                .isEqualTo(new AddLearners.Invalid("ann@acme.test", "names must be one line of visible text"));
        assertThat(read(row("ann@acme.test", null, "Able\r\nBcc: x", null)))
                .isEqualTo(new AddLearners.Invalid("ann@acme.test", "names must be one line of visible text"));
        assertThat(read(row("ann@acme.test", "A".repeat(101), null, null)))
                .isEqualTo(new AddLearners.Invalid("ann@acme.test", "names are at most 100 characters"));
        assertThat(read(row("ann@acme.test", "  " + "A".repeat(100) + "  ", null, null)))
                .isEqualTo(new AddLearners.Valid("ann@acme.test", "A".repeat(100), "", LearnerRole.learner));
    }

    @Test
    void aValidLearnerCannotBeBuiltAroundTheRules() {
        assertThatThrownBy(() -> new AddLearners.Valid("nope", "", "", LearnerRole.learner)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AddLearners.Valid("a@b.test", "", "", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AddLearners.Valid("a@b.test", "x\ny", "", LearnerRole.learner))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AddLearners(List.of(), LearnerSource.csv)).isInstanceOf(Problem.class);
    }
}

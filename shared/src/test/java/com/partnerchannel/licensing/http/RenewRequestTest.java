package com.partnerchannel.licensing.http;

import com.partnerchannel.licensing.allocation.application.Renew;
import com.partnerchannel.licensing.common.IdShape;
import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.tenancy.model.UserId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code POST …/allocations}' body read into whom to renew: the learners named, or every expired one, never both. */
class RenewRequestTest {
    private static final String ADA = "01JDEMOLEARNERADA000000000";

    @Test
    void learnersNamedOrAllExpiredAreReadAsTyped() {
        assertThat(new RenewRequest(List.of(ADA), null).command()).isEqualTo(Renew.learners(List.of(new UserId(ADA))));
        assertThat(new RenewRequest(null, true).command()).isEqualTo(Renew.everyExpired());
        assertThat(new RenewRequest(List.of(ADA), false).command().allExpired()).isFalse();
    }

    @Test
    void neitherOrBothIsRefused() {
        for (RenewRequest body : List.of(new RenewRequest(null, null), new RenewRequest(List.of(), false),
                new RenewRequest(List.of(ADA), true))) {
            assertThatThrownBy(body::command).isInstanceOfSatisfying(Problem.class, problem -> assertThat(problem.errors())
                    .extracting(Problem.FieldError::field).containsExactly("learnerIds"));
        }
    }

    @Test
    void idsThatCannotBeOursAreNamedTheFirstTwentyOnly() {
        List<String> ids = new ArrayList<>(List.of(ADA));
        for (int i = 0; i < 25; i++) ids.add("C#" + i);
        assertThatThrownBy(() -> new RenewRequest(ids, null).command()).isInstanceOfSatisfying(Problem.class, problem -> {
            assertThat(problem.errors()).hasSize(20).allMatch(error -> error.message().equals(IdShape.DESCRIPTION));
            assertThat(problem.errors().get(0).field()).isEqualTo("learnerIds[1]");
        });
    }
}

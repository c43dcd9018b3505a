package com.partnerchannel.licensing.http;

import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.ordering.application.RequestOrder;
import com.partnerchannel.licensing.ordering.model.OrderKind;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.testing.InMemoryLicensing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code POST /companies/{companyId}/orders}' body read into a {@link RequestOrder} for the company: hostile
 * values are refused with the field named, every problem at once, in the order of the fields.
 */
class RequestOrderRequestTest {
    private final InMemoryLicensing licensing = new InMemoryLicensing();
    private final Company distributor = licensing.aDistributor();
    private final Company premium = licensing.aCustomerUnder(distributor, "premium");
    private final Company trial = licensing.aCustomerUnder(distributor, "trial");

    private static RequestOrderRequest body(String json) {
        return Json.read(json, RequestOrderRequest.class);
    }

    private static List<Problem.FieldError> refusal(RequestOrderRequest body, Company company) {
        try {
            body.command(company);
        } catch (Problem problem) {
            assertThat(problem.kind()).isEqualTo(Problem.Kind.INVALID);
            return problem.errors();
        }
        throw new AssertionError("read without a refusal: " + body);
    }

    @Test
    void aBodyIsReadAsTypedWithTextTrimmedAndTheKindLeftToTheCompanyWhenNoneIsSent() {
        assertThat(body("{\"quantity\":25,\"purchaseOrderRef\":\"  PO-118 \",\"note\":\"two\\r\\nlines \"}").command(premium))
                .isEqualTo(new RequestOrder(25, Optional.empty(), Optional.of("PO-118"), Optional.of("two\nlines")));
        assertThat(body("{\"quantity\":3,\"kind\":\"upgrade\"}").command(trial)).isEqualTo(RequestOrder.of(3, OrderKind.upgrade));
        assertThat(body("{\"quantity\":100000,\"kind\":\"new\",\"purchaseOrderRef\":\"   \",\"note\":null}").command(premium))
                .isEqualTo(RequestOrder.of(100_000, OrderKind.new_));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"5\"", "5.0", "true", "[5]", "{}"})
    void aQuantityOfTheWrongTypeIsRefusedAsSuch(String quantity) {
        assertThatThrownBy(() -> body("{\"quantity\":" + quantity + "}")).isInstanceOfSatisfying(Problem.class,
                problem -> assertThat(problem.errors()).containsExactly(new Problem.FieldError("quantity", "has the wrong type")));
    }

    @Test
    void hugeNumbersAreOutOfRangeOrOutsideWhatCanBeOrdered() {
        assertThatThrownBy(() -> body("{\"quantity\":99999999999999999999}")).isInstanceOfSatisfying(Problem.class,
                problem -> assertThat(problem.errors()).containsExactly(new Problem.FieldError("quantity", "is out of range")));
        assertThat(refusal(body("{\"quantity\":2147483647}"), premium))
                .containsExactly(new Problem.FieldError("quantity", "must be from 1 to 100000 (was 2147483647)"));
        assertThat(refusal(body("{\"quantity\":-2147483648}"), premium))
                .containsExactly(new Problem.FieldError("quantity", "must be from 1 to 100000 (was -2147483648)"));
        assertThat(refusal(body("{\"quantity\":0}"), premium))
                .containsExactly(new Problem.FieldError("quantity", "must be from 1 to 100000 (was 0)"));
    }

    @Test
    void aMissingOrNullQuantityIsRequired() {
        assertThat(refusal(body(""), premium)).containsExactly(new Problem.FieldError("quantity", "is required"));
        assertThat(refusal(body("{\"quantity\":null}"), premium)).containsExactly(new Problem.FieldError("quantity", "is required"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "NEW", "new_", "trial", "upgrade "})
    void aKindThatIsNotOneOfTheTwoIsRefusedQuotingIt(String kind) {
        assertThat(refusal(new RequestOrderRequest(1, kind, null, null), premium))
                .containsExactly(new Problem.FieldError("kind", "must be new or upgrade (was '" + kind + "')"));
    }

    @Test
    void everyProblemIsNamedAtOnceInTheOrderOfTheFieldsTheCompanysRulesIncluded() {
        String control = "PO-1\u0007";
        assertThat(refusal(new RequestOrderRequest(0, "new", control, "x".repeat(1001)), distributor))
                .extracting(Problem.FieldError::field).containsExactly("companyId", "quantity", "purchaseOrderRef", "note");
        assertThat(refusal(new RequestOrderRequest(null, "upgrade", "P".repeat(101), null), premium)).containsExactly(
                new Problem.FieldError("quantity", "is required"),
                new Problem.FieldError("kind", "upgrade is for trial companies; " + premium.name() + " is premium, order new"),
                new Problem.FieldError("purchaseOrderRef", "must be at most 100 characters"));
        assertThat(refusal(new RequestOrderRequest(1, "new", null, null), trial)).containsExactly(
                new Problem.FieldError("kind", trial.name() + " is on a trial: order an upgrade to premium"));
    }

    @Test
    void theCommandKeepsItsRulesWhoeverBuildsIt() {
        assertThatThrownBy(() -> RequestOrder.of(100_001)).isInstanceOfSatisfying(Problem.class, problem ->
                assertThat(problem.errors()).extracting(Problem.FieldError::field).containsExactly("quantity"));
        assertThatThrownBy(() -> licensing.licensing.requestingOrder.request(InMemoryLicensing.managerOf(premium),
                premium.companyId(), RequestOrder.of(5, OrderKind.upgrade))).isInstanceOfSatisfying(Problem.class,
                problem -> assertThat(problem.errors()).extracting(Problem.FieldError::field).containsExactly("kind"));
    }
}

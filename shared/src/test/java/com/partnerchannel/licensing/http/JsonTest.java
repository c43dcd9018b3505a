package com.partnerchannel.licensing.http;

import com.partnerchannel.licensing.common.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Request bodies are read strictly: what is not exactly the declared shape is a 400 naming the field. */
class JsonTest {

    @ParameterizedTest
    @ValueSource(strings = {"null", "[]", "\"x\"", "5", "true", " null ", "[{\"quantity\":1}]"})
    void aBodyThatIsNotAnObjectIsRefused(String body) {
        assertThatThrownBy(() -> Json.read(body, RequestOrderRequest.class))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.errors())
                        .containsExactly(new Problem.FieldError("body", "must be a JSON object")));
    }

    @Test
    void anEmptyBodyReadsAsAnEmptyObjectSoTheRulesCanSayWhatIsMissing() {
        assertThat(Json.read("", RequestOrderRequest.class)).isEqualTo(new RequestOrderRequest(null, null, null, null));
    }

    @Test
    void aDuplicateFieldIsRefusedRatherThanTheLastOneWinning() {
        assertRefused("{\"quantity\":1,\"quantity\":99999}", RequestOrderRequest.class, "quantity", "appears more than once");
    }

    @Test
    void contentAfterTheObjectIsRefused() {
        assertRefused("{\"quantity\":1}garbage", RequestOrderRequest.class, "body", "is not valid JSON");
        assertRefused("{\"quantity\":1} {\"quantity\":2}", RequestOrderRequest.class, "body", "nothing after it");
    }

    @Test
    void aTypoIsNamedNotIgnored() {
        assertRefused("{\"quantiy\":5}", RequestOrderRequest.class, "quantiy", "is not a field of this request");
        assertRefused("{\"name\":\"A\",\"managers\":[{\"email\":\"a@b.test\",\"nmae\":\"x\"}]}", CreateCompanyRequest.class,
                "managers[0].nmae", "is not a field of this request");
    }

    @Test
    void valuesAreNotCoercedFromOtherTypes() {
        assertRefused("{\"quantity\":\"5\"}", RequestOrderRequest.class, "quantity", "has the wrong type");
        assertRefused("{\"quantity\":5.0}", RequestOrderRequest.class, "quantity", "has the wrong type");
        assertRefused("{\"quantity\":true}", RequestOrderRequest.class, "quantity", "has the wrong type");
        assertRefused("{\"allExpired\":\"true\"}", RenewRequest.class, "allExpired", "has the wrong type");
        assertRefused("{\"allExpired\":1}", RenewRequest.class, "allExpired", "has the wrong type");
        assertRefused("{\"note\":5}", RequestOrderRequest.class, "note", "has the wrong type");
        assertRefused("{\"note\":false}", RequestOrderRequest.class, "note", "has the wrong type");
        assertRefused("{\"note\":{}}", RequestOrderRequest.class, "note", "has the wrong type");
        assertRefused("{\"learnerIds\":\"01JDEMOLEARNERADA000000000\"}", RenewRequest.class, "learnerIds", "has the wrong type");
    }

    @Test
    void aNumberTooLargeForItsFieldIsRefused() {
        assertRefused("{\"quantity\":99999999999999999999}", RequestOrderRequest.class, "quantity", "is out of range");
    }

    @Test
    void listsHoldNoNulls() {
        assertRefused("{\"learnerIds\":[null]}", RenewRequest.class, "learnerIds[0]", "must not be null");
        assertRefused("{\"learners\":[{\"email\":\"a@b.test\"},null]}", AddLearnersRequest.class, "learners[1]", "must not be null");
    }

    @Test
    void aWellFormedBodyReadsAsSent() {
        assertThat(Json.read("{\"learnerIds\":[\"A\"],\"allExpired\":false}", RenewRequest.class))
                .isEqualTo(new RenewRequest(List.of("A"), false));
        assertThat(Json.read(" {\"quantity\":3,\"purchaseOrderRef\":\"PO-1\",\"note\":null} ", RequestOrderRequest.class))
                .isEqualTo(new RequestOrderRequest(3, null, "PO-1", null));
    }

    private static void assertRefused(String body, Class<?> type, String field, String message) {
        assertThatThrownBy(() -> Json.read(body, type))
                .isInstanceOfSatisfying(Problem.class, p -> {
                    assertThat(p.kind()).isEqualTo(Problem.Kind.INVALID);
                    assertThat(p.errors()).hasSize(1);
                    assertThat(p.errors().get(0).field()).isEqualTo(field);
                    assertThat(p.errors().get(0).message()).contains(message);
                });
    }
}

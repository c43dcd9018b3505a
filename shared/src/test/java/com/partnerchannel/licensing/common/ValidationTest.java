package com.partnerchannel.licensing.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValidationTest {
    /** Characters that break a line or a header, or that show as nothing (or reorder what follows). */
    static Stream<Arguments> breakingOrInvisible() {
        return Stream.of(
                Arguments.of("CR LF", "Evil\r\nBcc: attacker@evil.test"),
                Arguments.of("LF", "Evil\nURGENT"),
                Arguments.of("CR", "Evil\rURGENT"),
                Arguments.of("NUL", "Evil\u0000"),
                Arguments.of("tab", "Evil\tCorp"),
                Arguments.of("NEL", "Evil\u0085URGENT"),
                Arguments.of("line separator", "Evil\u2028URGENT"),
                Arguments.of("paragraph separator", "Evil\u2029URGENT"),
                Arguments.of("zero-width space", "Ev\u200Bil"),
                Arguments.of("word joiner", "Ev\u2060il"),
                Arguments.of("right-to-left override", "Evil\u202Efdp.exe"),
                Arguments.of("soft hyphen", "Ev\u00ADil"),
                Arguments.of("byte-order mark", "\uFEFFEvil"),
                Arguments.of("lone surrogate", "Evil\uD800"),
                Arguments.of("DEL", "Evil\u007F"),
                Arguments.of("trailing newline, which trimming would hide", "Evil\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breakingOrInvisible")
    void aSingleLineFieldRefusesControlAndInvisibleCharacters(String what, String value) {
        Validation validation = new Validation();

        validation.requireText("name", value, 200);
        validation.optionalText("purchaseOrderRef", value, 200);

        assertThatThrownBy(validation::throwIfInvalid).isInstanceOfSatisfying(Problem.class, problem -> {
            assertThat(problem.kind()).isEqualTo(Problem.Kind.INVALID);
            assertThat(problem.errors()).extracting(Problem.FieldError::field).containsExactly("name", "purchaseOrderRef");
            assertThat(problem.errors().get(0).message()).startsWith("must be one line of visible text").contains("U+");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breakingOrInvisible")
    void multiLineTextRefusesTheSameCharactersExceptLineFeeds(String what, String value) {
        Validation validation = new Validation();

        String kept = validation.optionalMultiLineText("note", value, 1000);

        boolean onlyLineFeeds = value.replace("\r\n", "").replace("\n", "").chars().allMatch(c -> c >= 0x20 && c < 0x7F);
        if (onlyLineFeeds) {
            validation.throwIfInvalid();
            assertThat(kept).doesNotContain("\r");
        } else {
            assertThatThrownBy(validation::throwIfInvalid).isInstanceOfSatisfying(Problem.class, problem ->
                    assertThat(problem.errors()).singleElement().satisfies(error -> {
                        assertThat(error.field()).isEqualTo("note");
                        assertThat(error.message()).startsWith("must be visible text").contains("U+");
                    }));
        }
    }

    @Test
    void multiLineTextKeepsLineFeedsAndTurnsWindowsLineEndsIntoThem() {
        Validation validation = new Validation();

        String note = validation.optionalMultiLineText("note", "  Please hurry.\r\nPO follows.\n\nThanks  ", 1000);

        validation.throwIfInvalid();
        assertThat(note).isEqualTo("Please hurry.\nPO follows.\n\nThanks");
    }

    @Test
    void lettersOfEveryScriptSpacesAndPunctuationAreSingleLineText() {
        Validation validation = new Validation();

        String name = validation.requireText("name", "  Zoë & Söhne GmbH — 東京 (Ω) ", 200);

        validation.throwIfInvalid();
        assertThat(name).isEqualTo("Zoë & Söhne GmbH — 東京 (Ω)");
    }

    @Test
    void theLengthIsCountedAfterTrimming() {
        Validation validation = new Validation();

        validation.requireText("name", " abc ", 3);
        validation.optionalMultiLineText("note", "abcd", 3);

        assertThatThrownBy(validation::throwIfInvalid).isInstanceOfSatisfying(Problem.class, problem ->
                assertThat(problem.errors()).extracting(Problem.FieldError::field).containsExactly("note"));
    }
}

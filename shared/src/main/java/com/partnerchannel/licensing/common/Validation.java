package com.partnerchannel.licensing.common;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Collects every field problem of a request, so the caller hears about all of them at once. Text fields
 * are one line ({@link #requireText}, {@link #optionalText}) or may hold line feeds ({@link
 * #requireMultiLineText}, {@link #optionalMultiLineText}); what either may hold is {@link Text}'s to say.
 */
public final class Validation {
    private static final String ONE_LINE = "must be one line of visible text";
    private static final String LINES = "must be visible text (line breaks are allowed)";

    private final List<Problem.FieldError> errors = new ArrayList<>();

    public Validation add(String field, String message) {
        errors.add(new Problem.FieldError(field, message));
        return this;
    }

    public String requireText(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            add(field, "is required");
            return null;
        }
        return oneLine(field, value, maxLength);
    }

    public String optionalText(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) return null;
        return oneLine(field, value, maxLength);
    }

    /** Free text such as a rejection's reason: line feeds (CR LF becomes LF), nothing else invisible. */
    public String requireMultiLineText(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            add(field, "is required");
            return null;
        }
        return lines(field, value, maxLength);
    }

    /** Free text such as an order's note: line feeds (CR LF becomes LF), nothing else invisible. */
    public String optionalMultiLineText(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) return null;
        return lines(field, value, maxLength);
    }

    public void throwIfInvalid() {
        if (!errors.isEmpty()) throw Problem.invalid(errors);
    }

    private String oneLine(String field, String value, int maxLength) {
        // Checked before trimming: trim() would quietly drop a control character at either end.
        OptionalInt forbidden = Text.forbiddenInOneLine(value);
        if (forbidden.isPresent()) {
            add(field, ONE_LINE + " (" + Text.describe(value, forbidden.getAsInt()) + ")");
            return null;
        }
        return withinLength(field, value.strip(), maxLength);
    }

    private String lines(String field, String value, int maxLength) {
        String text = Text.withLineFeeds(value);
        OptionalInt forbidden = Text.forbiddenInLines(text);
        if (forbidden.isPresent()) {
            add(field, LINES + " (" + Text.describe(text, forbidden.getAsInt()) + ")");
            return null;
        }
        return withinLength(field, text.strip(), maxLength);
    }

    private String withinLength(String field, String text, int maxLength) {
        if (text.length() > maxLength) add(field, "must be at most " + maxLength + " characters");
        return text;
    }
}

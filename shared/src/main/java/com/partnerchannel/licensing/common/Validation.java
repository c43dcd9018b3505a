package com.partnerchannel.licensing.common;

import java.util.ArrayList;
import java.util.List;

/** Collects every field problem of a request, so the caller hears about all of them at once. */
public final class Validation {
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
        if (value.trim().length() > maxLength) {
            add(field, "must be at most " + maxLength + " characters");
        }
        return value.trim();
    }

    public String optionalText(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) return null;
        if (value.trim().length() > maxLength) add(field, "must be at most " + maxLength + " characters");
        return value.trim();
    }

    public void throwIfInvalid() {
        if (!errors.isEmpty()) throw Problem.invalid(errors);
    }
}

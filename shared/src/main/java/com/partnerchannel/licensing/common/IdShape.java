package com.partnerchannel.licensing.common;

/**
 * What an id this API hands out looks like: 26 digits and upper-case letters (a ULID, or an id
 * derived from a request's key in the same alphabet). Anything else sent as an id is refused before
 * it reaches the table: a malformed id is a 400, a well-formed unknown one a 404.
 */
public final class IdShape {
    public static final int LENGTH = 26;
    public static final String DESCRIPTION = "is not an id (" + LENGTH + " digits and upper-case letters)";

    private IdShape() {
    }

    public static boolean fits(String value) {
        if (value == null || value.length() != LENGTH) return false;
        for (int i = 0; i < LENGTH; i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z')) return false;
        }
        return true;
    }

    /** The id as sent, or a 400 naming {@code field}. */
    public static String require(String field, String value) {
        if (!fits(value)) throw Problem.invalid(field, DESCRIPTION);
        return value;
    }
}

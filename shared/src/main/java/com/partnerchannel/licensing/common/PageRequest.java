package com.partnerchannel.licensing.common;

/** {@code limit} and opaque {@code cursor} of a list request. */
public record PageRequest(int limit, String cursor) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public static PageRequest of(String limit, String cursor) {
        int parsed = DEFAULT_LIMIT;
        if (limit != null && !limit.isBlank()) {
            try {
                parsed = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                throw Problem.invalid("limit", "must be a whole number from 1 to " + MAX_LIMIT);
            }
            if (parsed < 1 || parsed > MAX_LIMIT) {
                throw Problem.invalid("limit", "must be a whole number from 1 to " + MAX_LIMIT);
            }
        }
        return new PageRequest(parsed, cursor == null || cursor.isBlank() ? null : cursor);
    }

    public static PageRequest first(int limit) {
        return new PageRequest(limit, null);
    }
}

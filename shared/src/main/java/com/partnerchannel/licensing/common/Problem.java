package com.partnerchannel.licensing.common;

import java.util.List;

/**
 * A request the rules refuse. Carries what the HTTP layer needs for an RFC 9457 problem, without
 * knowing about HTTP: the kind decides the status code.
 */
public class Problem extends RuntimeException {
    public enum Kind { INVALID, FORBIDDEN, NOT_FOUND, CONFLICT, INSUFFICIENT_SEATS }

    public record FieldError(String field, String message) {
    }

    private final Kind kind;
    private final String title;
    private final List<FieldError> errors;
    private final java.util.Map<String, Object> extensions;

    public Problem(Kind kind, String title, String detail, List<FieldError> errors) {
        this(kind, title, detail, errors, java.util.Map.of());
    }

    /** {@code extensions} become members of the problem document (RFC 9457 §3.2), e.g. {@code needed}. */
    public Problem(Kind kind, String title, String detail, List<FieldError> errors,
                   java.util.Map<String, Object> extensions) {
        super(detail);
        this.kind = kind;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.extensions = java.util.Map.copyOf(extensions);
    }

    public java.util.Map<String, Object> extensions() {
        return extensions;
    }

    public static Problem invalid(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new Problem(Kind.INVALID, "Invalid request", detail, errors);
    }

    public static Problem invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static Problem forbidden(String detail) {
        return new Problem(Kind.FORBIDDEN, "Forbidden", detail, List.of());
    }

    /** Also the answer for ids of other tenants, so that ids cannot be probed. */
    public static Problem notFound(String what, String id) {
        return new Problem(Kind.NOT_FOUND, "Not found", what + " " + id + " does not exist", List.of());
    }

    public static Problem conflict(String detail) {
        return new Problem(Kind.CONFLICT, "Conflict", detail, List.of());
    }

    public Kind kind() {
        return kind;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public List<FieldError> errors() {
        return errors;
    }
}

package com.partnerchannel.licensing.common;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request the rules refuse. Carries what the HTTP layer needs for an RFC 9457 problem, without
 * knowing about HTTP: the kind decides the status code.
 */
public class Problem extends RuntimeException {
    public enum Kind { INVALID, FORBIDDEN, NOT_FOUND, CONFLICT, INSUFFICIENT_SEATS, UNAVAILABLE }

    /** What a caller told to come back waits first: after writers kept colliding, and after AWS was busy or time ran out. */
    public static final Duration RETRY_CONFLICT_AFTER = Duration.ofSeconds(1);
    public static final Duration RETRY_UNAVAILABLE_AFTER = Duration.ofSeconds(2);

    public record FieldError(String field, String message) {
    }

    private final Kind kind;
    private final String title;
    private final List<FieldError> errors;
    private final Map<String, Object> extensions;
    private final Optional<Duration> retryAfter;

    public Problem(Kind kind, String title, String detail, List<FieldError> errors) {
        this(kind, title, detail, errors, Map.of());
    }

    /** {@code extensions} become members of the problem document (RFC 9457 §3.2), e.g. {@code needed}. */
    public Problem(Kind kind, String title, String detail, List<FieldError> errors,
                   Map<String, Object> extensions) {
        this(kind, title, detail, errors, extensions, Optional.empty());
    }

    private Problem(Kind kind, String title, String detail, List<FieldError> errors,
                    Map<String, Object> extensions, Optional<Duration> retryAfter) {
        super(detail);
        this.kind = kind;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.extensions = Map.copyOf(extensions);
        this.retryAfter = retryAfter;
    }

    /** When the same request may succeed if sent again, how long to wait first (the response's Retry-After). */
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }

    public Map<String, Object> extensions() {
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

    /**
     * Other writers kept changing what this request needed, through every attempt: nothing of this
     * attempt was written, and the same request sent again after {@link #RETRY_CONFLICT_AFTER} may well pass.
     */
    public static Problem keptChanging(String detail) {
        return new Problem(Kind.CONFLICT, "Conflict", detail, List.of(), Map.of(),
                Optional.of(RETRY_CONFLICT_AFTER));
    }

    /**
     * The request could not be done now (AWS throttled it, or the invocation's time ran out while it
     * waited to retry): send it again after {@link #RETRY_UNAVAILABLE_AFTER}.
     */
    public static Problem unavailable(String detail) {
        return new Problem(Kind.UNAVAILABLE, "Service unavailable", detail, List.of(), Map.of(),
                Optional.of(RETRY_UNAVAILABLE_AFTER));
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

package com.partnerchannel.licensing.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.partnerchannel.licensing.common.Problem;

/** JSON in and out of the API. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);

    private Json() {
    }

    /** Reads the body; an empty body reads as {@code {}} so that the rules can say what is missing. */
    public static <T> T read(String body, Class<T> type) {
        try {
            return MAPPER.readValue(body == null || body.isBlank() ? "{}" : body, type);
        } catch (MismatchedInputException e) {
            String field = e.getPath().isEmpty() ? "body"
                    : e.getPath().stream().map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("body");
            String expected = e instanceof InvalidFormatException format
                    ? "has the wrong type (got " + format.getValue() + ")"
                    : "has the wrong type";
            throw Problem.invalid(field, expected);
        } catch (JsonProcessingException e) {
            throw Problem.invalid("body", "is not valid JSON: " + e.getOriginalMessage());
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}

package com.partnerchannel.licensing.http;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.partnerchannel.licensing.common.Problem;

import java.util.List;

/**
 * JSON in and out of the API. Reading is strict: a body is one JSON object and nothing after it;
 * every field is declared (a typo is named, not ignored); a field appears once; a value has the
 * field's own type (no {@code "5"} for 5, no {@code "true"} for true, no 5 for a text); lists hold no
 * nulls. Each refusal is a 400 that names the field.
 */
public final class Json {
    public static final ObjectMapper MAPPER = strict();

    private Json() {
    }

    private static ObjectMapper strict() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .defaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL))
                .build();
        for (LogicalType type : List.of(LogicalType.Textual, LogicalType.Integer, LogicalType.Float,
                LogicalType.Boolean, LogicalType.Collection, LogicalType.POJO, LogicalType.Enum)) {
            mapper.coercionConfigFor(type)
                    .setCoercion(CoercionInputShape.String, type == LogicalType.Textual || type == LogicalType.Enum
                            ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, type == LogicalType.Textual
                            ? CoercionAction.TryConvert : CoercionAction.Fail);
        }
        // Numbers stay numbers where the field is a number.
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert);
        mapper.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert)
                .setCoercion(CoercionInputShape.Float, CoercionAction.TryConvert);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Boolean, CoercionAction.TryConvert);
        return mapper;
    }

    /**
     * Reads a body that must be a JSON object. An empty body reads as {@code {}}, so that the rules can
     * say what is missing; {@code null}, an array, a string or a number is refused.
     */
    public static <T> T read(String body, Class<T> type) {
        String json = body == null || body.isBlank() ? "{}" : body;
        if (json.stripLeading().charAt(0) != '{') throw Problem.invalid("body", "must be a JSON object");
        try {
            return MAPPER.readValue(json, type);
        } catch (UnrecognizedPropertyException e) {
            throw Problem.invalid(field(e), "is not a field of this request");
        } catch (InvalidNullException e) {
            throw Problem.invalid(field(e), "must not be null");
        } catch (MismatchedInputException e) {
            if (e.getPath().isEmpty()) throw Problem.invalid("body", "must be one JSON object and nothing after it");
            throw Problem.invalid(field(e), "has the wrong type");
        } catch (JsonMappingException e) {
            String field = e.getPath().isEmpty() ? "body" : field(e);
            throw Problem.invalid(field, e.getCause() instanceof InputCoercionException ? "is out of range" : "is not valid");
        } catch (InputCoercionException e) {
            throw Problem.invalid(currentField(e), "is out of range");
        } catch (StreamConstraintsException e) {
            throw Problem.invalid("body", "is too large or too deeply nested");
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage();
            if (message != null && message.startsWith("Duplicate field")) {
                throw Problem.invalid(currentField(e), "appears more than once");
            }
            throw Problem.invalid("body", "is not valid JSON: " + message);
        }
    }

    /** The field's path as the request spells it, e.g. {@code managers[0].email}. */
    private static String field(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) path.append('.');
                path.append(ref.getFieldName());
            } else {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String currentField(JsonProcessingException e) {
        if (e.getProcessor() instanceof JsonParser parser) {
            try {
                String name = parser.currentName();
                if (name != null) return name;
            } catch (java.io.IOException | RuntimeException ignored) {
                // fall through to the whole body
            }
        }
        return "body";
    }

    /** Any JSON text as a tree, duplicate members refused: for protocols whose bodies are lenient (SCIM). */
    public static com.fasterxml.jackson.databind.JsonNode tree(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON", e);
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

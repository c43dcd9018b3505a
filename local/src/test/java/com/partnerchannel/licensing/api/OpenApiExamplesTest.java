package com.partnerchannel.licensing.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.partnerchannel.licensing.testing.ContractCheck;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every example of docs/openapi.yaml validates against its own schema, with a JSON Schema validator that
 * knows OpenAPI 3.1's dialect and asserts formats (so a timestamp that is not one fails): the examples of
 * components/examples as each media type that uses them, media types' and parameters' own examples, and
 * the {@code examples} of every schema. No network: the document is the only schema resource.
 */
class OpenApiExamplesTest {
    private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final List<String> SUBSCHEMA_LISTS = List.of("allOf", "anyOf", "oneOf", "prefixItems");
    private static final List<String> SUBSCHEMAS = List.of("items", "not", "if", "then", "else", "additionalProperties",
            "propertyNames", "contains", "unevaluatedItems", "unevaluatedProperties");

    /** An example and the schema it must match, both by their place in the document. */
    record Case(String where, String schemaPointer, JsonNode value) {
    }

    private final JsonNode document = OpenApiRoutesTest.openApi();
    private final SchemaRegistry registry = ContractCheck.registry(document);

    @TestFactory
    Stream<DynamicTest> everyExampleValidatesAgainstItsSchema() {
        return cases().stream().map(example -> DynamicTest.dynamicTest(example.where(), () -> {
            List<Error> errors = errors(example);
            assertThat(errors).as(example.where() + " against " + example.schemaPointer()).isEmpty();
        }));
    }

    @Test
    void theExamplesCoverEveryOperationsSuccessfulJsonResponseAndRequestBody() {
        List<String> without = new ArrayList<>();
        forEachOperation((pointer, operation) -> {
            JsonNode body = operation.path("requestBody");
            if (!body.isMissingNode() && !hasExample(body.path("content"))) without.add(pointer + "/requestBody");
            operation.path("responses").fields().forEachRemaining(response -> {
                if (response.getKey().startsWith("2") && response.getValue().has("content")
                        && !hasExample(response.getValue().path("content"))) {
                    without.add(pointer + "/responses/" + response.getKey());
                }
            });
        });
        assertThat(without).as("request bodies and 2xx responses without an example").isEmpty();
        assertThat(cases()).as("examples found").hasSizeGreaterThan(60);
    }

    @Test
    void anExampleThatBreaksItsSchemaIsCaught() {
        // The validator is really at work: a company whose id is lower case, and one whose createdAt is no time.
        JsonNode company = resolve("#/components/examples/CreatedCustomer").path("value").deepCopy();
        ((ObjectNode) company).put("companyId", "01m8t58xm6dk3dfgs9nfqxxfxe");
        assertThat(errors(new Case("lower-case id", "/components/schemas/Company", company))).isNotEmpty();
        ((ObjectNode) company).put("companyId", "01M8T58XM6DK3DFGS9NFQXXFXE")
                .put("createdAt", "yesterday");
        assertThat(errors(new Case("not a time", "/components/schemas/Company", company))).isNotEmpty();
    }

    /** Every media type of {@code content} has an {@code example} or {@code examples}. */
    private static boolean hasExample(JsonNode content) {
        if (content.isEmpty()) return false;
        for (JsonNode mediaType : content) {
            if (!mediaType.has("example") && !mediaType.has("examples")) return false;
        }
        return true;
    }

    /**
     * The schema at {@code schemaPointer}, its {@code #/...} references made absolute so that they name the
     * registered document, validates the example. (A pointer into {@code paths} holds {@code ~1} escapes
     * that do not survive as a URI fragment, so the schema is handed over as a node, not located.)
     */
    private List<Error> errors(Case example) {
        JsonNode schema = document.at(example.schemaPointer());
        assertThat(schema.isMissingNode()).as(example.schemaPointer() + " exists").isFalse();
        Schema validator = registry.getSchema(SchemaLocation.of(ContractCheck.DOCUMENT + "-examples/" + Integer.toHexString(
                example.schemaPointer().hashCode())), ContractCheck.schemaJson(schema), InputFormat.JSON);
        return validator.validate(json(example.value()), InputFormat.JSON);
    }


    private List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        forEachOperation((pointer, operation) -> {
            JsonNode body = operation.path("requestBody");
            if (!body.isMissingNode() && !body.has("$ref")) mediaTypes(pointer + "/requestBody", body, cases);
            operation.path("responses").fields().forEachRemaining(response -> {
                if (!response.getValue().has("$ref")) {
                    String at = pointer + "/responses/" + escape(response.getKey());
                    mediaTypes(at, response.getValue(), cases);
                    headers(at, response.getValue(), cases);
                }
            });
            parameters(pointer, operation, cases);
        });
        document.path("paths").fields().forEachRemaining(path ->
                parameters("/paths/" + escape(path.getKey()), path.getValue(), cases));
        document.path("components").path("responses").fields().forEachRemaining(response -> {
            String at = "/components/responses/" + escape(response.getKey());
            mediaTypes(at, response.getValue(), cases);
            headers(at, response.getValue(), cases);
        });
        document.path("components").path("requestBodies").fields().forEachRemaining(body ->
                mediaTypes("/components/requestBodies/" + escape(body.getKey()), body.getValue(), cases));
        document.path("components").path("parameters").fields().forEachRemaining(parameter ->
                parameterOrHeader("/components/parameters/" + escape(parameter.getKey()), parameter.getValue(), cases));
        document.path("components").path("headers").fields().forEachRemaining(header ->
                parameterOrHeader("/components/headers/" + escape(header.getKey()), header.getValue(), cases));
        document.path("components").path("schemas").fields().forEachRemaining(schema ->
                schemaExamples("/components/schemas/" + escape(schema.getKey()), schema.getValue(), cases));
        return cases;
    }

    private interface OperationVisitor {
        void visit(String pointer, JsonNode operation);
    }

    private void forEachOperation(OperationVisitor visitor) {
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(field -> {
            if (OPERATIONS.contains(field.getKey())) {
                visitor.visit("/paths/" + escape(path.getKey()) + "/" + field.getKey(), field.getValue());
            }
        }));
    }

    private void mediaTypes(String pointer, JsonNode holder, List<Case> cases) {
        holder.path("content").fields().forEachRemaining(mediaType -> {
            String at = pointer + "/content/" + escape(mediaType.getKey());
            examples(at, mediaType.getValue(), cases);
            schemaExamples(at + "/schema", mediaType.getValue().path("schema"), cases);
        });
    }

    private void headers(String pointer, JsonNode response, List<Case> cases) {
        response.path("headers").fields().forEachRemaining(header -> {
            if (!header.getValue().has("$ref")) {
                parameterOrHeader(pointer + "/headers/" + escape(header.getKey()), header.getValue(), cases);
            }
        });
    }

    private void parameters(String pointer, JsonNode holder, List<Case> cases) {
        JsonNode parameters = holder.path("parameters");
        for (int i = 0; i < parameters.size(); i++) {
            if (!parameters.get(i).has("$ref")) parameterOrHeader(pointer + "/parameters/" + i, parameters.get(i), cases);
        }
    }

    private void parameterOrHeader(String pointer, JsonNode parameter, List<Case> cases) {
        examples(pointer, parameter, cases);
        schemaExamples(pointer + "/schema", parameter.path("schema"), cases);
    }

    /** A media type's, parameter's or header's {@code example}, or each of its {@code examples} (maybe by $ref). */
    private void examples(String pointer, JsonNode holder, List<Case> cases) {
        if (holder.has("example")) cases.add(new Case(pointer + "/example", pointer + "/schema", holder.get("example")));
        holder.path("examples").fields().forEachRemaining(example -> {
            JsonNode value = example.getValue().has("$ref") ? resolve(example.getValue().get("$ref").asText())
                    : example.getValue();
            String name = example.getValue().has("$ref") ? example.getValue().get("$ref").asText()
                    : pointer + "/examples/" + escape(example.getKey());
            assertThat(value.has("value")).as(name + " has a value").isTrue();
            cases.add(new Case(pointer + "/examples/" + example.getKey() + " (" + name + ")", pointer + "/schema",
                    value.get("value")));
        });
    }

    /** A schema's own {@code examples} (and deprecated {@code example}), and those of its subschemas. */
    private void schemaExamples(String pointer, JsonNode schema, List<Case> cases) {
        if (!schema.isObject()) return;
        if (schema.path("examples").isArray()) {
            for (int i = 0; i < schema.get("examples").size(); i++) {
                cases.add(new Case(pointer + "/examples/" + i, pointer, schema.get("examples").get(i)));
            }
        }
        if (schema.has("example")) cases.add(new Case(pointer + "/example", pointer, schema.get("example")));
        schema.path("properties").fields().forEachRemaining(property ->
                schemaExamples(pointer + "/properties/" + escape(property.getKey()), property.getValue(), cases));
        for (String list : SUBSCHEMA_LISTS) {
            for (int i = 0; i < schema.path(list).size(); i++) schemaExamples(pointer + "/" + list + "/" + i, schema.get(list).get(i), cases);
        }
        for (String single : SUBSCHEMAS) schemaExamples(pointer + "/" + single, schema.path(single), cases);
    }

    private JsonNode resolve(String ref) {
        assertThat(ref).as("only local refs").startsWith("#/");
        JsonNode node = document.at(ref.substring(1));
        assertThat(node.isMissingNode()).as(ref + " exists").isFalse();
        return node;
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static String json(JsonNode node) {
        try {
            return new ObjectMapper().writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

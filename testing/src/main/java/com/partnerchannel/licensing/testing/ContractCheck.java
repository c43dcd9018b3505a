package com.partnerchannel.licensing.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * docs/openapi.yaml as the judge of a response: the operation of the route and method lists the status
 * (or a {@code 4XX} range, or {@code default}), the Content-Type is one of that response's media types
 * (no body where it has none), a JSON body validates against the media type's schema (networknt
 * json-schema-validator, OpenAPI 3.1 dialect, formats asserted, {@code $ref}s resolved in the document),
 * and the response's documented headers are there when required and match their schemas when sent.
 * The document is read once per JVM; {@link #ofTheDocument()} is what {@link InProcessApi} asks.
 */
public final class ContractCheck {
    /** Where the document is registered for the validator, so that its {@code #/components/...} refs resolve. */
    public static final String DOCUMENT = "https://licensing.partnerchannel.com/openapi.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BODY_SHOWN = 600;

    private final JsonNode document;
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
    private final AtomicInteger schemaIds = new AtomicInteger();
    /** Responses checked, by "METHOD /route status". */
    private final Map<String, LongAdder> checked = new ConcurrentHashMap<>();
    private final LongAdder unchecked = new LongAdder();

    private static final class TheDocument {
        static final ContractCheck CHECK = load();

        private static ContractCheck load() {
            ContractCheck check = new ContractCheck(read(documentPath()));
            Runtime.getRuntime().addShutdownHook(new Thread(check::report, "contract-check-report"));
            return check;
        }
    }

    /** The check of docs/openapi.yaml, read on first use; its tally is printed when the JVM exits. */
    public static ContractCheck ofTheDocument() {
        return TheDocument.CHECK;
    }

    public static Path documentPath() {
        return TemplateTable.templatePath().getParent().resolve("docs").resolve("openapi.yaml");
    }

    public static JsonNode read(Path openApi) {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(openApi.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + openApi, e);
        }
    }

    public ContractCheck(JsonNode document) {
        this.document = document;
        this.registry = registry(document);
    }

    /** A validator registry of OpenAPI 3.1's dialect, asserting formats, with {@code document} at {@link #DOCUMENT}. */
    public static SchemaRegistry registry(JsonNode document) {
        return SchemaRegistry.withDialect(Dialects.getOpenApi31(), builder -> builder
                .schemas(Map.of(DOCUMENT, write(document)))
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    }

    /** A schema of the document as the registry takes it: a copy whose {@code #/...} refs name {@link #DOCUMENT}. */
    public static String schemaJson(JsonNode schema) {
        return write(absoluteRefs(schema.deepCopy()));
    }

    /**
     * Throws an AssertionError naming the route, the status and every way the response departs from the
     * document; counts the response either way.
     *
     * @param route the route as template.yaml and the document spell it ({@code /orders/{orderId}})
     */
    public void check(String method, String route, int status, Map<String, String> headers, String body) {
        checked.computeIfAbsent(method.toUpperCase(Locale.ROOT) + " " + route + " " + status, key -> new LongAdder())
                .increment();
        List<String> problems = problems(method, route, status, headers, body);
        if (problems.isEmpty()) return;
        String shown = body == null ? "(no body)" : body.length() > BODY_SHOWN ? body.substring(0, BODY_SHOWN) + "…" : body;
        throw new AssertionError("docs/openapi.yaml does not allow this response to " + method.toUpperCase(Locale.ROOT)
                + " " + route + ": " + status + "\n  - " + String.join("\n  - ", problems)
                + "\n  headers: " + headers + "\n  body: " + shown);
    }

    /** A response a test chose not to have checked (see {@link InProcessApi#sendOutsideTheContract}). */
    public void letThrough() {
        unchecked.increment();
    }

    /** How the response departs from the document; empty when it keeps to it. */
    public List<String> problems(String method, String route, int status, Map<String, String> headers, String body) {
        List<String> problems = new ArrayList<>();
        JsonNode operation = document.path("paths").path(route).path(method.toLowerCase(Locale.ROOT));
        if (!operation.isObject()) {
            problems.add("the document has no operation " + method + " " + route);
            return problems;
        }
        JsonNode responses = operation.path("responses");
        String key = String.valueOf(status);
        if (!responses.has(key)) key = status / 100 + "XX";
        if (!responses.has(key)) key = "default";
        if (!responses.has(key)) {
            List<String> documented = new ArrayList<>();
            responses.fieldNames().forEachRemaining(documented::add);
            problems.add("status " + status + " is not documented (the operation lists " + documented + ")");
            return problems;
        }
        String pointer = pointer("paths", route, method.toLowerCase(Locale.ROOT), "responses", key);
        JsonNode response = responses.get(key);
        while (response.has("$ref")) {
            pointer = response.get("$ref").asText().substring(1);
            response = resolve(response.get("$ref").asText());
        }
        Map<String, String> sent = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) sent.putAll(headers);
        body(pointer, response, sent.get("Content-Type"), body, problems);
        headers(pointer, response, sent, problems);
        return problems;
    }

    private void body(String pointer, JsonNode response, String contentType, String body, List<String> problems) {
        JsonNode content = response.path("content");
        boolean hasBody = body != null && !body.isEmpty();
        if (content.isEmpty()) {
            if (hasBody) problems.add("the document gives this response no body, and it has one");
            return;
        }
        List<String> mediaTypes = new ArrayList<>();
        content.fieldNames().forEachRemaining(mediaTypes::add);
        if (contentType == null) {
            problems.add("no Content-Type; the document gives " + mediaTypes);
            return;
        }
        String sentType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        String mediaType = mediaTypes.stream().filter(documented -> matches(documented, sentType)).findFirst().orElse(null);
        if (mediaType == null) {
            problems.add("Content-Type " + contentType + " is not one of " + mediaTypes);
            return;
        }
        if (!hasBody) {
            problems.add("no body; the document gives " + mediaType + " a body");
            return;
        }
        JsonNode schema = content.get(mediaType).path("schema");
        if (!schema.isObject() || !isJson(sentType)) return;
        try {
            JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            problems.add("the body is not JSON: " + e.getOriginalMessage());
            return;
        }
        for (Error error : schema(pointer + pointer("content", mediaType, "schema"), schema).validate(body, InputFormat.JSON)) {
            problems.add("body " + error);
        }
    }

    private void headers(String pointer, JsonNode response, Map<String, String> sent, List<String> problems) {
        for (Iterator<Map.Entry<String, JsonNode>> it = response.path("headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> header = it.next();
            if (header.getKey().equalsIgnoreCase("Content-Type")) continue; // OpenAPI: ignored, the media type says it
            JsonNode definition = header.getValue();
            String at = pointer + "/headers/" + escape(header.getKey());
            while (definition.has("$ref")) {
                at = definition.get("$ref").asText().substring(1);
                definition = resolve(definition.get("$ref").asText());
            }
            String value = sent.get(header.getKey());
            if (value == null) {
                if (definition.path("required").asBoolean(false)) problems.add("no " + header.getKey() + " header; it is required");
                continue;
            }
            JsonNode schema = definition.path("schema");
            if (!schema.isObject()) continue;
            for (Error error : schema(at + "/schema", schema).validate(headerValue(schema, value), InputFormat.JSON)) {
                problems.add("header " + header.getKey() + ": " + value + ": " + error);
            }
        }
    }

    /** A header is text; a header whose schema is not a string's is read as the JSON scalar it spells. */
    private String headerValue(JsonNode schema, String value) {
        String type = schema.has("$ref") ? resolve(schema.get("$ref").asText()).path("type").asText("string")
                : schema.path("type").asText("string");
        if (!type.equals("string")) {
            try {
                JsonNode scalar = JSON.readTree(value);
                if (scalar != null && scalar.isValueNode()) return write(scalar);
            } catch (IOException notAScalar) {
                // validated as the string it is
            }
        }
        return write(JSON.getNodeFactory().textNode(value));
    }

    private Schema schema(String key, JsonNode schema) {
        return schemas.computeIfAbsent(key, k -> registry.getSchema(
                SchemaLocation.of(DOCUMENT + "-responses/" + schemaIds.incrementAndGet()),
                schemaJson(schema), InputFormat.JSON));
    }

    private static boolean matches(String documented, String sent) {
        String type = documented.toLowerCase(Locale.ROOT);
        return type.equals(sent) || type.equals("*/*")
                || type.endsWith("/*") && sent.startsWith(type.substring(0, type.length() - 1));
    }

    private static boolean isJson(String mediaType) {
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    private JsonNode resolve(String ref) {
        if (!ref.startsWith("#/")) throw new IllegalStateException("only local refs in docs/openapi.yaml: " + ref);
        JsonNode node = document.at(ref.substring(1));
        if (node.isMissingNode()) throw new IllegalStateException("docs/openapi.yaml has no " + ref);
        return node;
    }

    /** The schema, its {@code #/...} references made absolute so that they name the registered document. */
    private static JsonNode absoluteRefs(JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith("#")) object.put("$ref", DOCUMENT + ref.asText());
            object.properties().forEach(field -> absoluteRefs(field.getValue()));
        } else if (node.isArray()) {
            node.forEach(ContractCheck::absoluteRefs);
        }
        return node;
    }

    private static String pointer(String... segments) {
        StringBuilder pointer = new StringBuilder();
        for (String segment : segments) pointer.append('/').append(escape(segment));
        return pointer.toString();
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * How many responses this JVM checked, and which documented responses none of them was: one line on
     * stderr, and the whole tally in target/contract-check.txt when the working directory has a target/.
     */
    private void report() {
        long total = checked.values().stream().mapToLong(LongAdder::sum).sum();
        if (total == 0 && unchecked.sum() == 0) return;
        List<String> documented = documentedResponses();
        Set<String> seen = checked.keySet();
        long covered = documented.stream().filter(seen::contains).count();
        String summary = "ContractCheck: " + total + " responses checked against docs/openapi.yaml ("
                + checked.size() + " distinct route-status pairs; " + covered + " of the document's "
                + documented.size() + " numbered responses seen), " + unchecked.sum() + " let through unchecked";
        System.err.println(summary);
        Path target = Path.of("target");
        if (!Files.isDirectory(target)) return;
        StringBuilder tally = new StringBuilder(summary).append("\n\nchecked:\n");
        new TreeMap<>(checked).forEach((key, count) -> tally.append(count.sum()).append('\t').append(key).append('\n'));
        tally.append("\ndocumented, never seen:\n");
        documented.stream().filter(key -> !seen.contains(key)).forEach(key -> tally.append(key).append('\n'));
        try {
            Files.writeString(target.resolve("contract-check.txt"), tally);
        } catch (IOException e) {
            System.err.println("ContractCheck: cannot write target/contract-check.txt: " + e);
        }
    }

    private List<String> documentedResponses() {
        List<String> documented = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation ->
                operation.getValue().path("responses").fieldNames().forEachRemaining(status -> {
                    if (status.chars().allMatch(Character::isDigit)) {
                        documented.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey() + " " + status);
                    }
                })));
        return documented;
    }
}

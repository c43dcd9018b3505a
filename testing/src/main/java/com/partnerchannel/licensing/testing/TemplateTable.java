package com.partnerchannel.licensing.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The licensing table exactly as {@code template.yaml} declares it, as a {@code CreateTableRequest}:
 * tests and the local runner create their table from this, so they cannot drift from what deploys.
 */
public final class TemplateTable {
    public static final String RESOURCE = "LicensingTable";

    private TemplateTable() {
    }

    public static Path templatePath() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("template.yaml");
            if (Files.isRegularFile(candidate)) return candidate;
            dir = dir.getParent();
        }
        throw new IllegalStateException("template.yaml not found above " + Path.of("").toAbsolutePath());
    }

    public static JsonNode template(Path path) {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(path.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    public static CreateTableRequest createTableRequest(String tableName) {
        return createTableRequest(template(templatePath()), tableName);
    }

    public static CreateTableRequest createTableRequest(JsonNode template, String tableName) {
        JsonNode properties = template.path("Resources").path(RESOURCE).path("Properties");
        if (properties.isMissingNode()) throw new IllegalStateException("template.yaml declares no " + RESOURCE);
        List<AttributeDefinition> attributes = new ArrayList<>();
        for (JsonNode attribute : properties.path("AttributeDefinitions")) {
            attributes.add(AttributeDefinition.builder().attributeName(attribute.path("AttributeName").asText())
                    .attributeType(attribute.path("AttributeType").asText()).build());
        }
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (JsonNode index : properties.path("GlobalSecondaryIndexes")) {
            Projection.Builder projection = Projection.builder()
                    .projectionType(index.path("Projection").path("ProjectionType").asText());
            if (index.path("Projection").has("NonKeyAttributes")) {
                List<String> nonKey = new ArrayList<>();
                index.path("Projection").path("NonKeyAttributes").forEach(n -> nonKey.add(n.asText()));
                projection.nonKeyAttributes(nonKey);
            }
            indexes.add(GlobalSecondaryIndex.builder().indexName(index.path("IndexName").asText())
                    .keySchema(keySchema(index.path("KeySchema"))).projection(projection.build()).build());
        }
        CreateTableRequest.Builder request = CreateTableRequest.builder().tableName(tableName)
                .attributeDefinitions(attributes)
                .keySchema(keySchema(properties.path("KeySchema")))
                .billingMode(BillingMode.fromValue(properties.path("BillingMode").asText()));
        if (!indexes.isEmpty()) request.globalSecondaryIndexes(indexes);
        JsonNode stream = properties.path("StreamSpecification");
        if (!stream.isMissingNode()) {
            request.streamSpecification(StreamSpecification.builder().streamEnabled(true)
                    .streamViewType(stream.path("StreamViewType").asText()).build());
        }
        return request.build();
    }

    /** The TTL attribute the template enables, if any. */
    public static String ttlAttribute(JsonNode template) {
        return template.path("Resources").path(RESOURCE).path("Properties").path("TimeToLiveSpecification")
                .path("AttributeName").asText(null);
    }

    private static List<KeySchemaElement> keySchema(JsonNode schema) {
        List<KeySchemaElement> keys = new ArrayList<>();
        for (JsonNode key : schema) {
            keys.add(KeySchemaElement.builder().attributeName(key.path("AttributeName").asText())
                    .keyType(key.path("KeyType").asText()).build());
        }
        return keys;
    }

    static Iterator<Map.Entry<String, JsonNode>> resources(JsonNode template) {
        return template.path("Resources").fields();
    }
}

package com.partnerchannel.licensing.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerchannel.licensing.config.Configuration;
import com.partnerchannel.licensing.http.HttpFunction;
import com.partnerchannel.licensing.testing.LocalDynamoDb;
import com.partnerchannel.licensing.testing.SamTemplate;
import com.partnerchannel.licensing.testing.TemplateTable;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** template.yaml and the code must agree: routes, handlers, environment, code locations and the table. */
class TemplateConsistencyIT {
    /** Read by the Java runtime itself, not by our configuration. */
    private static final Set<String> RUNTIME_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

    private final SamTemplate template = SamTemplate.load();

    @Test
    void everyRouteOfTheTemplateIsAnsweredByItsHandlerAndEveryHandlerRouteIsDeclared() throws Exception {
        for (SamTemplate.Function function : template.functions()) {
            if (function.routes().isEmpty()) continue;
            Class<?> handlerClass = Class.forName(function.handlerClass());
            assertThat(HttpFunction.class).isAssignableFrom(handlerClass);
            assertThat(handlerClass.getConstructor()).as("no-arg constructor for the Lambda runtime").isNotNull();
            HttpFunction handler = withPorts(handlerClass);
            Set<String> declared = function.routes().stream().map(SamTemplate.Route::key).collect(Collectors.toSet());
            assertThat(handler.routeKeys()).as(function.logicalId() + " routes").isEqualTo(declared);
        }
    }

    /** The handler built with its ports constructor, around wiring that does no I/O until called. */
    private static HttpFunction withPorts(Class<?> handlerClass) throws ReflectiveOperationException {
        com.partnerchannel.licensing.config.Licensing licensing = new com.partnerchannel.licensing.config.Licensing(
                LocalDynamoDb.client(), "unused", java.time.Clock.systemUTC());
        for (java.lang.reflect.Constructor<?> constructor : handlerClass.getConstructors()) {
            if (constructor.getParameterCount() != 1) continue;
            Class<?> wiring = constructor.getParameterTypes()[0];
            if (wiring == com.partnerchannel.licensing.config.Licensing.class) {
                return (HttpFunction) constructor.newInstance(licensing);
            }
            if (wiring == com.partnerchannel.licensing.config.Renewals.class) {
                try (com.partnerchannel.licensing.testing.LocalS3 s3 = com.partnerchannel.licensing.testing.LocalS3.start()) {
                    return (HttpFunction) constructor.newInstance(new com.partnerchannel.licensing.config.Renewals(licensing,
                            com.partnerchannel.licensing.s3.S3Uploads.local(s3.endpoint(), s3.credentials(), "unused")));
                }
            }
        }
        throw new AssertionError(handlerClass + " has no ports constructor this test knows");
    }

    @Test
    void noRouteIsDeclaredTwice() {
        List<String> routes = template.functions().stream().flatMap(f -> f.routes().stream()).map(SamTemplate.Route::key)
                .toList();
        assertThat(routes).doesNotHaveDuplicates();
    }

    @Test
    void everyHandlerNamedInTheTemplateExistsWithItsMethod() throws Exception {
        for (JsonNode resource : template.json().path("Resources")) {
            if (!"AWS::Serverless::Function".equals(resource.path("Type").asText())) continue;
            String handler = resource.path("Properties").path("Handler").asText();
            String[] parts = handler.split("::");
            Class<?> type = Class.forName(parts[0]);
            assertThat(type.getMethods()).as(handler).anyMatch(m -> m.getName().equals(parts[1]));
        }
    }

    @Test
    void everyEnvironmentVariableOfTheTemplateIsOneTheCodeReadsAndEveryRequiredOneIsSet() {
        for (SamTemplate.Function function : template.functions()) {
            Set<String> unknown = new HashSet<>(function.environment().keySet());
            unknown.removeAll(Configuration.NAMES);
            unknown.removeAll(RUNTIME_VARIABLES);
            assertThat(unknown).as(function.logicalId() + " sets variables no code reads").isEmpty();
            assertThat(function.environment()).as(function.logicalId()).containsKey(Configuration.TABLE_NAME);
        }
    }

    @Test
    void everyCodeUriIsTheShadedJarItsModuleBuilds() throws Exception {
        Path root = TemplateTable.templatePath().getParent();
        for (SamTemplate.Function function : template.functions()) {
            Path jar = Path.of(function.codeUri());
            Path module = root.resolve(jar.getParent().getParent());
            assertThat(module.resolve("pom.xml")).as(function.logicalId() + " module").exists();
            String pom = Files.readString(module.resolve("pom.xml"));
            String finalName = jar.getFileName().toString().replace("-lambda.jar", "");
            assertThat(pom).contains("<finalName>" + finalName + "</finalName>")
                    .contains("<artifactId>maven-shade-plugin</artifactId>");
            // The shade configuration, with the jar's name, is the functions' parent's, once for all of them.
            assertThat(pom).contains("<artifactId>licensing-functions</artifactId>");
            assertThat(Files.readString(module.getParent().resolve("pom.xml")))
                    .contains("<artifactId>licensing-functions</artifactId>")
                    .contains("<outputFile>${project.build.directory}/${project.build.finalName}-lambda.jar</outputFile>");
        }
    }

    @Test
    void theTableTheTestsUseIsTheTableTheTemplateDeclares() {
        String name = LocalDynamoDb.freshTable();
        TableDescription actual = LocalDynamoDb.client().describeTable(r -> r.tableName(name)).table();
        CreateTableRequest declared = TemplateTable.createTableRequest(name);

        assertThat(actual.keySchema()).isEqualTo(declared.keySchema());
        assertThat(Set.copyOf(actual.attributeDefinitions())).isEqualTo(Set.copyOf(declared.attributeDefinitions()));
        Map<String, GlobalSecondaryIndexDescription> indexes = actual.globalSecondaryIndexes().stream()
                .collect(Collectors.toMap(GlobalSecondaryIndexDescription::indexName, i -> i));
        assertThat(indexes.keySet()).isEqualTo(declared.globalSecondaryIndexes().stream()
                .map(i -> i.indexName()).collect(Collectors.toSet()));
        declared.globalSecondaryIndexes().forEach(index -> {
            assertThat(indexes.get(index.indexName()).keySchema()).isEqualTo(index.keySchema());
            assertThat(indexes.get(index.indexName()).projection().projectionType())
                    .isEqualTo(index.projection().projectionType());
        });
        assertThat(actual.streamSpecification().streamViewType())
                .isEqualTo(declared.streamSpecification().streamViewType());
        JsonNode table = template.json().path("Resources").path(TemplateTable.RESOURCE).path("Properties");
        assertThat(table.path("PointInTimeRecoverySpecification").path("PointInTimeRecoveryEnabled").asBoolean()).isTrue();
        assertThat(TemplateTable.ttlAttribute(template.json())).isEqualTo("ttl");
    }

    @Test
    void theApiHasAJwtAuthorizerWithIssuerAndAudienceFromParametersAndTheRuntimeIsJava21() {
        JsonNode api = template.json().path("Resources").path("LicensingApi").path("Properties").path("Auth");
        String authorizer = api.path("DefaultAuthorizer").asText();
        JsonNode jwt = api.path("Authorizers").path(authorizer).path("JwtConfiguration");
        assertThat(jwt.has("issuer")).isTrue();
        assertThat(jwt.has("audience")).isTrue();
        assertThat(template.json().path("Parameters").has("JwtIssuer")).isTrue();
        assertThat(template.json().path("Parameters").has("JwtAudience")).isTrue();
        assertThat(template.json().path("Globals").path("Function").path("Runtime").asText()).isEqualTo("java21");
        assertThat(template.json().path("Resources").path("LicensingEventBus").path("Type").asText())
                .isEqualTo("AWS::Events::EventBus");
    }
}

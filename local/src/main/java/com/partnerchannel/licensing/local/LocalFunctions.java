package com.partnerchannel.licensing.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.partnerchannel.licensing.config.Configuration;
import com.partnerchannel.licensing.testing.SamTemplate;
import com.partnerchannel.licensing.testing.TemplateTable;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP functions of template.yaml, each handler built around its own settings (its template
 * environment, resolved for local) and the runner's clock, through the wiring constructor its tests use
 * ({@link LocalWiring}). The SDK's region and dummy credentials are set for the JVM: the SDK reads them later.
 */
public final class LocalFunctions {
    /** Lambda-only tuning; nothing here to apply it to. */
    private static final String JAVA_TOOL_OPTIONS = "JAVA_TOOL_OPTIONS";

    public record LocalFunction(String logicalId, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
                                List<SamTemplate.Route> routes, int timeoutSeconds, int memoryMb) {
    }

    /** Local stand-ins for the template's resources and endpoints: variable name → local value. */
    private static final Map<String, String> LOCAL_RESOURCES = new java.util.concurrent.ConcurrentHashMap<>();

    private LocalFunctions() {
    }

    /**
     * A local value for a variable: endpoint overrides ({@code AWS_ENDPOINT_URL_*}) go to every function;
     * other names (a bucket name, say) replace the template's value where a function sets that variable.
     */
    public static void localResource(String variable, String value) {
        LOCAL_RESOURCES.put(variable, value);
    }

    /** The template's value again, for functions built from now on. */
    public static void forgetLocalResource(String variable) {
        LOCAL_RESOURCES.remove(variable);
    }

    /**
     * A function the template wires to an event source rather than a route (an S3 notification, a
     * schedule, a stream), built like the others.
     */
    static LocalEventFunction<?, ?> buildEventFunction(SamTemplate template, String logicalId, String tableName,
                                                       URI dynamoDbEndpoint, Clock clock) {
        SamTemplate.Function function = template.functions().stream().filter(f -> f.logicalId().equals(logicalId))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("template.yaml has no function " + logicalId));
        return LocalEventFunction.of(template.json(), function,
                LocalWiring.handler(function, environment(template.json(), function, tableName, dynamoDbEndpoint), clock));
    }

    /** The region and dummy credentials every SDK client in this JVM uses; set before any function is built. */
    public static synchronized void useLocalAccount() {
        System.setProperty("aws.region", "us-east-1");
        System.setProperty("aws.accessKeyId", LocalDynamoDbServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", LocalDynamoDbServer.SECRET_KEY);
    }

    @SuppressWarnings("unchecked")
    public static List<LocalFunction> build(SamTemplate template, String tableName, URI dynamoDbEndpoint, Clock clock) {
        useLocalAccount();
        List<LocalFunction> functions = new ArrayList<>();
        for (SamTemplate.Function function : template.functions()) {
            if (function.routes().isEmpty()) continue;
            Object handler = LocalWiring.handler(function, environment(template.json(), function, tableName, dynamoDbEndpoint),
                    clock);
            functions.add(new LocalFunction(function.logicalId(),
                    (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) handler, function.routes(),
                    setting(template.json(), function, "Timeout", 3), setting(template.json(), function, "MemorySize", 128)));
        }
        return functions;
    }

    /**
     * The function's environment as it would be deployed here: the table reference becomes the local
     * table's name, and DynamoDB is the local endpoint.
     */
    static Map<String, String> environment(JsonNode template, SamTemplate.Function function, String tableName,
                                           URI dynamoDbEndpoint) {
        Map<String, String> environment = new LinkedHashMap<>();
        function.environment().forEach((name, value) -> {
            if (name.equals(JAVA_TOOL_OPTIONS)) return;
            boolean namesTheTable = value.equals(TemplateTable.RESOURCE) || "AWS::DynamoDB::Table".equals(
                    template.path("Resources").path(value).path("Type").asText());
            environment.put(name, name.equals(Configuration.TABLE_NAME) || namesTheTable ? tableName : value);
        });
        environment.put(Configuration.DYNAMODB_ENDPOINT, dynamoDbEndpoint.toString());
        LOCAL_RESOURCES.forEach((name, value) -> {
            if (name.startsWith("AWS_ENDPOINT_URL_") || environment.containsKey(name)) environment.put(name, value);
        });
        return environment;
    }

    /** A function property, else the template's Globals, else Lambda's default. */
    static int setting(JsonNode template, SamTemplate.Function function, String property, int lambdaDefault) {
        JsonNode own = template.path("Resources").path(function.logicalId()).path("Properties").path(property);
        JsonNode global = template.path("Globals").path("Function").path(property);
        return own.isMissingNode() ? global.asInt(lambdaDefault) : own.asInt(lambdaDefault);
    }
}

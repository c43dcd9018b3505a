package com.partnerchannel.licensing.testing;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What template.yaml declares about functions: handler, code, environment and HTTP routes. */
public final class SamTemplate {
    /** A route; {@code authorized}: API Gateway's default (JWT) authorizer runs first, unless the event says {@code Authorizer: NONE}. */
    public record Route(String method, String path, boolean authorized) {
        /** A route behind the default (JWT) authorizer. */
        public Route(String method, String path) {
            this(method, path, true);
        }

        public String key() {
            return method + " " + path;
        }
    }

    public record Function(String logicalId, String handlerClass, String codeUri, Map<String, String> environment,
                           List<Route> routes) {
    }

    private final JsonNode template;

    private SamTemplate(JsonNode template) {
        this.template = template;
    }

    public static SamTemplate load() {
        return load(TemplateTable.templatePath());
    }

    public static SamTemplate load(Path path) {
        return new SamTemplate(TemplateTable.template(path));
    }

    public JsonNode json() {
        return template;
    }

    public List<Function> functions() {
        Map<String, String> globalEnvironment = environment(template.path("Globals").path("Function"));
        List<Function> functions = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = template.path("Resources").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> resource = it.next();
            if (!"AWS::Serverless::Function".equals(resource.getValue().path("Type").asText())) continue;
            JsonNode properties = resource.getValue().path("Properties");
            String handler = properties.path("Handler").asText();
            Map<String, String> environment = new LinkedHashMap<>(globalEnvironment);
            environment.putAll(environment(properties));
            List<Route> routes = new ArrayList<>();
            for (Iterator<JsonNode> events = properties.path("Events").elements(); events.hasNext(); ) {
                JsonNode event = events.next();
                if ("HttpApi".equals(event.path("Type").asText())) {
                    routes.add(new Route(event.path("Properties").path("Method").asText().toUpperCase(),
                            event.path("Properties").path("Path").asText(),
                            !"NONE".equals(event.path("Properties").path("Auth").path("Authorizer").asText())));
                }
            }
            functions.add(new Function(resource.getKey(), handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler,
                    properties.path("CodeUri").asText(), environment, routes));
        }
        return functions;
    }

    private static Map<String, String> environment(JsonNode function) {
        Map<String, String> environment = new LinkedHashMap<>();
        function.path("Environment").path("Variables").fields()
                .forEachRemaining(variable -> environment.put(variable.getKey(), variable.getValue().asText()));
        return environment;
    }
}

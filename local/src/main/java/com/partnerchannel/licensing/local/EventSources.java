package com.partnerchannel.licensing.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.partnerchannel.licensing.config.Configuration;
import com.partnerchannel.licensing.testing.SamTemplate;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The functions template.yaml wires to something other than a route, built for here: those on the table's
 * stream, those behind a bus rule, the nightly schedule's sweep, and the redrive the on-call engineer invokes
 * by hand (no event source). Each is built around its template environment resolved for here (the table,
 * parameters by their defaults, EventBridge and SES at the local AWS endpoint) and the runner's clock
 * ({@link LocalWiring}).
 */
record EventSources(List<LocalEventFunction<DynamodbEvent, StreamsEventResponse>> stream, List<LocalEventBridge.Rule> rules,
                    Optional<LocalEventFunction<Map<String, Object>, Object>> sweep,
                    Optional<LocalEventFunction<Map<String, Object>, Object>> redrive) {
    /** The function the on-call engineer invokes by hand: no event source in the template. */
    static final String REDRIVE_FUNCTION = "OutboxRedriveFunction";
    /**
     * The nightly schedule's function, which {@code POST /local/sweep} runs. The template's other schedule,
     * the outbox watch, does not run here: it only writes a metric for an alarm, and nothing reads it locally.
     */
    static final String SWEEP_FUNCTION = "ExpirySweepFunction";
    /** Parameters without a default, as they are here. */
    private static final Map<String, String> LOCAL_PARAMETERS = Map.of("SenderEmail", "licences@partnerchannel.local");

    static EventSources build(SamTemplate template, String tableName, URI dynamoDbEndpoint, URI awsEndpoint, Clock clock) {
        List<LocalEventFunction<DynamodbEvent, StreamsEventResponse>> stream = new ArrayList<>();
        List<LocalEventBridge.Rule> rules = new ArrayList<>();
        LocalEventFunction<Map<String, Object>, Object> sweep = null;
        LocalEventFunction<Map<String, Object>, Object> redrive = null;
        JsonNode json = template.json();
        for (SamTemplate.Function function : template.functions()) {
            if (function.logicalId().equals(REDRIVE_FUNCTION)) {
                redrive = LocalEventFunction.of(json, function,
                        handler(template, function, tableName, dynamoDbEndpoint, awsEndpoint, clock));
                continue;
            }
            JsonNode events = json.path("Resources").path(function.logicalId()).path("Properties").path("Events");
            List<String> kinds = new ArrayList<>();
            events.forEach(event -> kinds.add(event.path("Type").asText()));
            boolean theSweep = function.logicalId().equals(SWEEP_FUNCTION) && kinds.contains("Schedule");
            if (!kinds.contains("DynamoDB") && !kinds.contains("EventBridgeRule") && !theSweep) continue;
            Object handler = handler(template, function, tableName, dynamoDbEndpoint, awsEndpoint, clock);
            for (JsonNode event : events) {
                switch (event.path("Type").asText()) {
                    case "DynamoDB" -> stream.add(LocalEventFunction.of(json, function, handler));
                    case "Schedule" -> {
                        if (theSweep) sweep = LocalEventFunction.of(json, function, handler);
                    }
                    case "EventBridgeRule" -> {
                        JsonNode pattern = event.path("Properties").path("Pattern");
                        Set<String> sources = new HashSet<>();
                        pattern.path("source").forEach(s -> sources.add(s.asText()));
                        Set<String> types = new HashSet<>();
                        pattern.path("detail-type").forEach(t -> types.add(t.asText()));
                        rules.add(new LocalEventBridge.Rule(sources, types, LocalEventFunction.of(json, function, handler)));
                    }
                    default -> {
                    }
                }
            }
        }
        return new EventSources(stream, rules, Optional.ofNullable(sweep), Optional.ofNullable(redrive));
    }

    private static Object handler(SamTemplate template, SamTemplate.Function function, String tableName,
                                  URI dynamoDbEndpoint, URI awsEndpoint, Clock clock) {
        Map<String, String> environment = new LinkedHashMap<>(
                LocalFunctions.environment(template.json(), function, tableName, dynamoDbEndpoint));
        JsonNode parameters = template.json().path("Parameters");
        environment.replaceAll((name, value) -> parameters.has(value)
                ? parameters.path(value).path("Default").asText(LOCAL_PARAMETERS.getOrDefault(value, value)) : value);
        environment.put(Configuration.EVENTBRIDGE_ENDPOINT, awsEndpoint.toString());
        environment.put(Configuration.SES_ENDPOINT, awsEndpoint.toString());
        LocalFunctions.useLocalAccount();
        return LocalWiring.handler(function, environment, clock);
    }
}

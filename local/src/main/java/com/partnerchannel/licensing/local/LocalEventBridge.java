package com.partnerchannel.licensing.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * EventBridge's PutEvents, on this machine: each entry goes, as the event EventBridge hands to Lambda, to
 * every function whose rule (sources and detail types, as the template's patterns give them) matches,
 * retried as EventBridge would before its dead-letter queue.
 */
final class LocalEventBridge {
    private static final Logger LOG = LoggerFactory.getLogger(LocalEventBridge.class);
    static final String PUT_EVENTS_TARGET = "AWSEvents.PutEvents";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ATTEMPTS = 3;

    /** A rule of the template: events of these sources and detail types go to the function. */
    record Rule(Set<String> sources, Set<String> detailTypes, LocalEventFunction<Map<String, Object>, Object> function) {
        boolean matches(String source, String detailType) {
            return sources.contains(source) && detailTypes.contains(detailType);
        }
    }

    private final LocalClock clock;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();

    LocalEventBridge(LocalClock clock) {
        this.clock = clock;
    }

    /** Rules are added once their functions are built, which needs this bus's endpoint first. */
    void add(List<Rule> more) {
        rules.addAll(more);
    }

    /** A PutEvents request's body → the answer EventBridge gives, every entry accepted. */
    String putEvents(String body) throws IOException {
        ArrayNode results = JSON.createArrayNode();
        for (JsonNode entry : JSON.readTree(body).path("Entries")) {
            String id = UUID.randomUUID().toString();
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("version", "0");
            event.put("id", id);
            event.put("detail-type", entry.path("DetailType").asText());
            event.put("source", entry.path("Source").asText());
            event.put("account", "000000000000");
            event.put("time", entry.hasNonNull("Time") ? Instant.ofEpochMilli((long) (entry.path("Time").asDouble() * 1000)).toString()
                    : clock.now().toString());
            event.put("region", "us-east-1");
            event.put("resources", List.of());
            event.put("detail", JSON.readValue(entry.path("Detail").asText("{}"), Map.class));
            for (Rule rule : rules) {
                if (rule.matches(entry.path("Source").asText(), entry.path("DetailType").asText())) invoke(rule, event);
            }
            ObjectNode result = JSON.createObjectNode();
            result.put("EventId", id);
            results.add(result);
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.put("FailedEntryCount", 0);
        answer.set("Entries", results);
        return JSON.writeValueAsString(answer);
    }

    private void invoke(Rule rule, Map<String, Object> event) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                rule.function().invoke(event);
                return;
            } catch (RuntimeException e) {
                LOG.atWarn().setCause(e).log("local bus: " + rule.function().logicalId() + " failed (attempt " + attempt + ")");
            }
        }
        LOG.warn("local bus: {} to the dead-letter queue of {}", event.get("detail-type"), rule.function().logicalId());
    }
}

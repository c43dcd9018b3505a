package com.partnerchannel.licensing.local;

import com.partnerchannel.licensing.http.Responses;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Local mode only: {@code POST /local/sweep} runs the nightly expiry sweep now, with the scheduled event
 * EventBridge Scheduler would send at the runner's clock's time, and answers the sweep's summary once the
 * stream has delivered the notices it caused.
 */
final class SweepEndpoint {
    static final String SWEEP = "/local/sweep";

    private final Optional<LocalEventFunction<Map<String, Object>, Object>> sweep;
    private final StreamEventSourceMapping stream;
    private final LocalClock clock;

    SweepEndpoint(Optional<LocalEventFunction<Map<String, Object>, Object>> sweep, StreamEventSourceMapping stream,
                  LocalClock clock) {
        this.sweep = sweep;
        this.stream = stream;
        this.clock = clock;
    }

    void addTo(LocalRoutes routes) {
        routes.add("POST", SWEEP, request -> {
            if (sweep.isEmpty()) {
                return LocalGateway.of(Responses.json(404, Map.of("detail", "template.yaml declares no "
                        + EventSources.SWEEP_FUNCTION)));
            }
            Object summary = sweep.get().invoke(scheduledEvent());
            stream.drain();
            return LocalGateway.of(Responses.json(200, summary));
        });
    }

    private Map<String, Object> scheduledEvent() {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("time", clock.now().toString());
        event.put("detail", Map.of());
        return event;
    }
}

package com.partnerchannel.licensing.local;

import com.partnerchannel.licensing.http.Responses;

import java.util.Map;
import java.util.Optional;

/** Local mode only: {@code POST /local/redrive} invokes the outbox redrive as the on-call engineer would. */
final class RedriveEndpoint {
    static final String REDRIVE = "/local/redrive";

    private final Optional<LocalEventFunction<Map<String, Object>, Object>> redrive;
    private final StreamEventSourceMapping stream;

    RedriveEndpoint(Optional<LocalEventFunction<Map<String, Object>, Object>> redrive, StreamEventSourceMapping stream) {
        this.redrive = redrive;
        this.stream = stream;
    }

    void addTo(LocalRoutes routes) {
        routes.add("POST", REDRIVE, request -> {
            if (redrive.isEmpty()) {
                return LocalGateway.of(Responses.json(404, Map.of("detail", "template.yaml declares no "
                        + EventSources.REDRIVE_FUNCTION)));
            }
            // Whatever the stream holds goes first, as it would in AWS by the time anyone redrives.
            stream.drain();
            return LocalGateway.of(Responses.json(200, redrive.get().invoke(Map.of())));
        });
    }
}

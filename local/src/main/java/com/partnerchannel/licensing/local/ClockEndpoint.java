package com.partnerchannel.licensing.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.http.Json;
import com.partnerchannel.licensing.http.Responses;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Local mode only: {@code GET /local/clock} reads the runner's clock, {@code POST /local/clock} with
 * {@code {"now": "2027-11-19T02:15:00Z"}} moves it there, {@code DELETE /local/clock} sets it back to
 * the real time. Each answers {@code {"now"}}; a move before a time the clock has shown is a 409.
 */
final class ClockEndpoint {
    static final String CLOCK = "/local/clock";

    private final LocalClock clock;

    ClockEndpoint(LocalClock clock) {
        this.clock = clock;
    }

    void addTo(LocalRoutes routes) {
        routes.add("GET", CLOCK, request -> answer(clock::now));
        routes.add("POST", CLOCK, request -> {
            Instant to;
            try {
                to = requested(request.body());
            } catch (Problem problem) {
                return LocalGateway.of(Responses.problem(problem));
            }
            return answer(() -> clock.moveTo(to));
        });
        routes.add("DELETE", CLOCK, request -> answer(clock::reset));
    }

    private static LocalGateway.Response answer(Supplier<Instant> move) {
        try {
            return LocalGateway.of(Responses.json(200, Map.of("now", move.get().toString())));
        } catch (LocalClock.MovedBack refused) {
            return LocalGateway.of(Responses.problem(new Problem(Problem.Kind.CONFLICT, "Conflict", refused.getMessage(),
                    List.of(), Map.of("latest", refused.latest.toString()))));
        }
    }

    private static Instant requested(String body) {
        Problem invalid = Problem.invalid("now", "send {\"now\": \"2027-11-19T02:15:00Z\"} (an ISO-8601 instant, in UTC)");
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (Exception e) {
            throw invalid;
        }
        try {
            return Instant.parse(json.path("now").asText());
        } catch (RuntimeException e) {
            throw invalid;
        }
    }
}

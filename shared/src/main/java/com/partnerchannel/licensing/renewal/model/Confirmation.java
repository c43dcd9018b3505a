package com.partnerchannel.licensing.renewal.model;

import com.partnerchannel.licensing.tenancy.model.Actor;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A confirm: which analysis (the one the manager reviewed), which emails left out, who asked and when.
 * One too large to answer within the gateway's 30 seconds is handed to the confirm worker, which renews as
 * the manager who asked; {@code requestId} names the one request the worker acts on (a late or repeated
 * event for an older one changes nothing). {@code failure} says why the last one renewed nothing (too few
 * free seats), with {@code needed} and {@code free}.
 */
public record Confirmation(String requestId, String analysisId, List<String> exclude, Actor requestedBy,
                           Instant requestedAt, Optional<Failure> failure) {

    public Confirmation {
        exclude = List.copyOf(exclude);
    }

    public record Failure(String message, Map<String, Object> details, Instant at) {
        public Failure {
            details = Map.copyOf(details);
        }
    }

    public Confirmation failed(Failure failure) {
        return new Confirmation(requestId, analysisId, exclude, requestedBy, requestedAt, Optional.of(failure));
    }
}

package com.partnerchannel.licensing.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.partnerchannel.licensing.testing.SamTemplate;

import java.time.Duration;
import java.util.UUID;

/**
 * A function the template wires to an event source (the stream, a bus rule, a schedule, an upload) or
 * to nothing (invoked by hand), called as Lambda calls it: each invocation with a context of its own,
 * so its log lines carry a request id and the function's name as they do in CloudWatch.
 */
record LocalEventFunction<I, O>(String logicalId, RequestHandler<I, O> handler, int timeoutSeconds, int memoryMb) {

    @SuppressWarnings("unchecked")
    static <I, O> LocalEventFunction<I, O> of(JsonNode template, SamTemplate.Function function, Object handler) {
        return new LocalEventFunction<>(function.logicalId(), (RequestHandler<I, O>) handler,
                LocalFunctions.setting(template, function, "Timeout", 3), LocalFunctions.setting(template, function, "MemorySize", 128));
    }

    O invoke(I event) {
        return handler.handleRequest(event, new LocalContext(logicalId, UUID.randomUUID().toString(),
                System.currentTimeMillis() + Duration.ofSeconds(timeoutSeconds).toMillis(), memoryMb));
    }
}

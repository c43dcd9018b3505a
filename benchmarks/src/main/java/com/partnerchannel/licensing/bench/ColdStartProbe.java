package com.partnerchannel.licensing.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The child JVM of {@link ColdStart}: one Lambda cold start, by hand. It runs with nothing on its class
 * path but a function's shaded jar and three bench classes, so it may use only what that jar holds.
 * It does what the Lambda runtime does: build the handler with its no-argument constructor (init),
 * read the payload 2.0 event from JSON, call {@code handleRequest} once, then reports on stdout.
 *
 * <p>Usage: {@code ColdStartProbe <handler class> <event json file>}. The first line is the answer
 * ({@code ANSWER status=… mainAtMs=… initMs=… decodeMs=… requestMs=…}), printed as soon as the
 * response exists; a second line ({@code AFTER jvmStartMs=… java=…}) follows it, because reading the
 * JVM start time loads java.management, which must not count in the measured time.
 * See {@link #PHASES} for the untimed class-loading breakdown.
 */
public final class ColdStartProbe {
    /**
     * With this system property set to true, the probe prints a {@code PHASE} line as each phase
     * starts, so that {@code -Xlog:class+load} output on the same stdout can be split by phase.
     */
    public static final String PHASES = "coldstart.phases";
    /**
     * With this system property set to true, the probe runs the function's SnapStart priming
     * ({@code Priming.beforeCheckpointOfAll()}, what Lambda runs before its snapshot) after init and
     * before the event: the request that follows is what a restored function's first request pays.
     */
    public static final String PRIME = "coldstart.prime";

    private ColdStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        long mainAtMs = System.currentTimeMillis();
        long start = System.nanoTime();
        if (args.length != 2) {
            System.err.println("usage: ColdStartProbe <handler class> <event json file>");
            System.exit(2);
        }
        boolean phases = Boolean.getBoolean(PHASES);
        if (phases) System.out.println("PHASE init");
        @SuppressWarnings("unchecked")
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler =
                (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) Class.forName(args[0])
                        .getConstructor().newInstance();
        long initialised = System.nanoTime();
        if (Boolean.getBoolean(PRIME)) com.partnerchannel.licensing.config.Priming.beforeCheckpointOfAll();
        long primed = System.nanoTime();
        if (phases) System.out.println("PHASE decode");
        APIGatewayV2HTTPEvent event = readEvent(Path.of(args[1]));
        long decoded = System.nanoTime();
        if (phases) System.out.println("PHASE request");
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        long answered = System.nanoTime();

        System.out.println("ANSWER status=" + response.getStatusCode() + " mainAtMs=" + mainAtMs
                + " initMs=" + millis(initialised - start) + " primeMs=" + millis(primed - initialised)
                + " decodeMs=" + millis(decoded - primed)
                + " requestMs=" + millis(answered - decoded) + " bodyChars=" + length(response.getBody()));
        System.out.flush();
        System.out.println("AFTER jvmStartMs=" + ManagementFactory.getRuntimeMXBean().getStartTime()
                + " java=" + System.getProperty("java.runtime.version")
                + " vm=" + System.getProperty("java.vm.name").replace(' ', '_'));
        System.out.flush();
        // The SDK client may leave threads behind; the parent waits for this process to end.
        System.exit(0);
    }

    /**
     * The event as the Lambda runtime hands it over. The runtime uses aws-lambda-java-serialization,
     * which is not in the function jar; plain Jackson reads payload 2.0 into the same object, and
     * {@link RuntimeJackson} keeps that Jackson apart from the function's, as the runtime's is.
     */
    public static APIGatewayV2HTTPEvent readEvent(Path file) throws IOException, ReflectiveOperationException {
        return new RuntimeJackson(ColdStartProbe.class.getClassLoader())
                .read(Files.readAllBytes(file), APIGatewayV2HTTPEvent.class);
    }

    private static String millis(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6);
    }

    private static int length(String body) {
        return body == null ? 0 : body.length();
    }
}

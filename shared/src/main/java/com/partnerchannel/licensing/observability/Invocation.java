package com.partnerchannel.licensing.observability;

import com.amazonaws.services.lambda.runtime.Context;
import com.partnerchannel.licensing.outbox.BusEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.spi.LoggingEventBuilder;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One invocation of a function as its log tells it. The ids that tie a line to the invocation (Lambda's
 * request id, the function, the route or event type, the company, the actor's {@code sub}, the event id)
 * go into the MDC, so every line logged meanwhile carries them; then one closing line says how it ended
 * ({@code status} of a request, {@code outcome} of an event) and how long it took ({@code latencyMs}), with
 * whatever the handler added (counts), and what it cost in DynamoDB ({@value #DDB_REQUESTS},
 * {@value #DDB_READ_UNITS}, {@value #DDB_WRITE_UNITS}: see {@link DynamoDbCost}), so cost per route and per
 * tenant can be read from the logs. Ids and counts only: never an email address or a name. What the
 * work counted in {@link Metrics} is written when it closes.
 */
public final class Invocation {
    public static final String REQUEST_ID = "requestId";
    public static final String FUNCTION = "function";
    public static final String ROUTE_KEY = "routeKey";
    public static final String API_REQUEST_ID = "apiRequestId";
    public static final String EVENT_TYPE = "eventType";
    public static final String EVENT_ID = "eventId";
    public static final String COMPANY_ID = "companyId";
    public static final String ACTOR = "actor";
    /** The closing line's DynamoDB cost of the invocation: requests, and read and write capacity units. */
    public static final String DDB_REQUESTS = "ddbRequests";
    public static final String DDB_READ_UNITS = "ddbReadUnits";
    public static final String DDB_WRITE_UNITS = "ddbWriteUnits";

    private static final Logger LOG = LoggerFactory.getLogger(Invocation.class);
    private static final ThreadLocal<Invocation> RUNNING = new ThreadLocal<>();

    private final String what;
    private final Map<String, String> ids = new LinkedHashMap<>();
    private final Map<String, Object> closing = new LinkedHashMap<>();

    private Invocation(Context context, String kindField, String what) {
        this.what = what;
        if (context != null) {
            id(REQUEST_ID, context.getAwsRequestId());
            id(FUNCTION, context.getFunctionName());
        }
        id(kindField, what);
    }

    /** An API request, by its route key as API Gateway writes it ({@code GET /orders/{orderId}}). */
    public static Invocation ofRequest(Context context, String routeKey) {
        return new Invocation(context, ROUTE_KEY, routeKey);
    }

    /** An event: a bus event's type, a stream batch, a schedule, an upload. */
    public static Invocation ofEvent(Context context, String eventType) {
        return new Invocation(context, EVENT_TYPE, eventType);
    }

    /** One of our domain events as a bus rule delivers it: its type, its eventId and its company. */
    public static Invocation ofBusEvent(Context context, BusEvent event) {
        return ofEvent(context, event.type()).id(EVENT_ID, event.eventId()).id(COMPANY_ID, event.companyId());
    }

    /**
     * An event AWS puts on a bus (a schedule's tick, an SES bounce): its {@code detail-type} and the id
     * EventBridge gave it, which a dead-letter queue's copy of it carries too. No company: AWS's events
     * have none. Without a {@code detail-type} it was invoked by hand ({@code aws lambda invoke}).
     */
    public static Invocation ofAwsEvent(Context context, Map<String, Object> event) {
        Object type = event.get("detail-type");
        Object id = event.get("id");
        return ofEvent(context, type == null ? INVOKED_BY_HAND : type.toString()).id(EVENT_ID, id == null ? null : id.toString());
    }

    static final String INVOKED_BY_HAND = "invoked by hand";

    /** An id every line of this invocation carries from now on; a null one is left out, a long one cut. */
    public Invocation id(String field, String value) {
        if (value != null) {
            String id = value.length() > MAX_ID_CHARS ? value.substring(0, MAX_ID_CHARS) + "…" : value;
            ids.put(field, id);
            MDC.put(field, id);
        }
        return this;
    }

    /** Longer than any id of ours or a token's {@code sub}: a hostile claim does not fill the log. */
    static final int MAX_ID_CHARS = 256;

    /**
     * The invocation this thread is running, for an id learnt on the way: the company a SCIM request's
     * directory token names is known only once the token is read, not from the request's claims.
     */
    public static Optional<Invocation> running() {
        return Optional.ofNullable(RUNNING.get());
    }

    /** A field of the closing line only (a status, a count): set or replaced. */
    public Invocation closing(String field, Object value) {
        if (value != null) closing.put(field, value);
        return this;
    }

    /**
     * Runs the invocation: its ids on every line, then the closing line (INFO, or ERROR with the stack
     * trace if the work threw, which is rethrown), then the ids are cleared from this thread.
     */
    public <T> T run(Function<Invocation, T> work) {
        Latency latency = Latency.start();
        ids.forEach(MDC::put);
        Metrics metrics = Metrics.begin();
        DynamoDbCost.Scope cost = DynamoDbCost.begin();
        Invocation outer = RUNNING.get();
        RUNNING.set(this);
        try {
            T result = work.apply(this);
            close(LOG.atInfo(), latency, cost.cost());
            return result;
        } catch (RuntimeException | Error e) {
            closing.putIfAbsent("outcome", "failed");
            close(LOG.atError().setCause(e), latency, cost.cost());
            throw e;
        } finally {
            RUNNING.set(outer);
            cost.close();
            metrics.flush();
            ids.keySet().forEach(MDC::remove);
        }
    }

    private void close(LoggingEventBuilder line, Latency latency, DynamoDbCost cost) {
        long millis = latency.millis();
        if (!closing.containsKey("status")) closing.putIfAbsent("outcome", "ok");
        Object outcome = closing.containsKey("status") ? closing.get("status") : closing.get("outcome");
        closing.forEach(line::addKeyValue);
        line.addKeyValue(DDB_REQUESTS, cost.requests()).addKeyValue(DDB_READ_UNITS, cost.readUnits())
                .addKeyValue(DDB_WRITE_UNITS, cost.writeUnits());
        line.addKeyValue("latencyMs", millis).setMessage(what + " " + outcome + " in " + millis + " ms").log();
    }
}

package com.partnerchannel.licensing.config;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * SnapStart priming: what a function does once before Lambda takes its snapshot, so that the snapshot holds
 * warm classes and a restored function's first request does not load them. Each step is registered as an
 * {@code org.crac} {@link Resource}; Lambda calls {@code beforeCheckpoint} of every registered one after init,
 * when it publishes a version (template.yaml's {@code SnapStart: ApplyOn: PublishedVersions}).
 *
 * <p>Nothing a step leaves behind depends on time or on a connection. The step's own DynamoDB call asks
 * the server to close its connection ({@code Connection: close}), so the snapshot holds no socket. The
 * rest is refreshed by what already runs on every call: the SDK renews its credentials before they expire,
 * the JDK looks names up again after its DNS cache's 30 s, ids and tokens come from {@code SecureRandom}
 * (which reads the system's entropy on each call), and every time is read from the clock. A failed step
 * is logged and does not stop the snapshot: the function then starts as it would without priming.
 * See docs/operations.md, "SnapStart priming".
 */
public final class Priming implements Resource {
    private static final Logger LOG = LoggerFactory.getLogger(Priming.class);
    /** The key no item has: {@code PK} and {@code SK} of every item start with an entity's prefix. */
    static final Map<String, AttributeValue> NO_ITEM = Map.of("PK", AttributeValue.fromS("SNAPSTART#PRIMING"),
            "SK", AttributeValue.fromS("SNAPSTART#PRIMING"));
    /** Held here: a CRaC context holds its resources weakly. */
    private static final List<Priming> REGISTERED = new CopyOnWriteArrayList<>();

    private final String name;
    private final Runnable step;

    private Priming(String name, Runnable step) {
        this.name = name;
        this.step = step;
    }

    /** Runs {@code step} before the snapshot. Only the environment's wiring (a no-argument constructor) calls this. */
    public static void register(String name, Runnable step) {
        Priming priming = new Priming(name, step);
        REGISTERED.add(priming);
        Core.getGlobalContext().register(priming);
    }

    /** The client's whole path (signing, marshalling, one HTTP exchange, unmarshalling): a GetItem that finds nothing. */
    static void registerDynamoDb(DynamoDbClient dynamo, String table) {
        register("DynamoDB GetItem on " + table, () -> dynamo.getItem(r -> r.tableName(table).key(NO_ITEM)
                .overrideConfiguration(o -> o.putHeader("Connection", "close"))));
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    /** Nothing to refresh: see the class comment. */
    @Override
    public void afterRestore(Context<? extends Resource> context) {
    }

    private void prime() {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.atWarn().setCause(e).addKeyValue("step", name).log("SnapStart priming step failed");
        }
    }

    /**
     * Every registered step, in order, as Lambda's {@code beforeCheckpoint} would run them: for the
     * {@code ColdStart} benchmark, which measures priming on a JVM that takes no snapshot.
     */
    public static void beforeCheckpointOfAll() {
        REGISTERED.forEach(Priming::prime);
    }

    /** How many steps are registered: for tests. */
    static int registered() {
        return REGISTERED.size();
    }
}

package com.partnerchannel.licensing.config;

import com.partnerchannel.licensing.aws.AwsCalls;
import com.partnerchannel.licensing.dynamodb.DynamoOutbox;
import com.partnerchannel.licensing.eventbridge.EventBridgeBus;
import com.partnerchannel.licensing.outbox.PublishingEvents;
import com.partnerchannel.licensing.outbox.RedrivingEvents;
import com.partnerchannel.licensing.outbox.WatchingOutbox;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.time.Clock;

/**
 * The outbox publisher, its redrive and its watch wired by hand: outbox events onto the EventBridge bus, each
 * recorded published on its item in the table.
 */
public final class EventPublishing {
    private EventPublishing() {
    }

    public static PublishingEvents publishing(AwsCalls eventBridge, String busName, DynamoDbClient dynamo,
                                              String table, Clock clock) {
        return new PublishingEvents(new EventBridgeBus(eventBridge, busName), new DynamoOutbox(dynamo, table), clock);
    }

    public static RedrivingEvents redriving(AwsCalls eventBridge, String busName, DynamoDbClient dynamo,
                                            String table, Clock clock) {
        return new RedrivingEvents(new EventBridgeBus(eventBridge, busName), new DynamoOutbox(dynamo, table), clock);
    }

    public static PublishingEvents publishingFromEnvironment() {
        return publishing(Configuration.fromEnvironment(), Clocks.system());
    }

    public static PublishingEvents publishing(Configuration configuration, Clock clock) {
        return publishing(eventBridge(configuration), configuration.required(Configuration.EVENT_BUS_NAME),
                Licensing.dynamoDb(configuration), configuration.tableName(), clock);
    }

    public static RedrivingEvents redrivingFromEnvironment() {
        return redriving(Configuration.fromEnvironment(), Clocks.system());
    }

    public static RedrivingEvents redriving(Configuration configuration, Clock clock) {
        return redriving(eventBridge(configuration), configuration.required(Configuration.EVENT_BUS_NAME),
                Licensing.dynamoDb(configuration), configuration.tableName(), clock);
    }

    public static WatchingOutbox watching(DynamoDbClient dynamo, String table, Clock clock) {
        return new WatchingOutbox(new DynamoOutbox(dynamo, table), clock);
    }

    /** The watch reads the table only: no bus. */
    public static WatchingOutbox watchingFromEnvironment() {
        return watching(Configuration.fromEnvironment(), Clocks.system());
    }

    public static WatchingOutbox watching(Configuration configuration, Clock clock) {
        return watching(Licensing.dynamoDb(configuration), configuration.tableName(), clock);
    }

    /** PutEvents through {@link AwsCalls}, primed before a SnapStart snapshot. */
    private static AwsCalls eventBridge(Configuration configuration) {
        AwsCalls.Builder builder = SdkInterceptors.eventBridge();
        configuration.optional(Configuration.EVENTBRIDGE_ENDPOINT).map(URI::create).ifPresent(builder::endpoint);
        AwsCalls eventBridge = builder.build();
        Priming.register("EventBridge PutEvents (signed, not sent)",
                new EventBridgeBus(eventBridge, configuration.required(Configuration.EVENT_BUS_NAME))::prime);
        return eventBridge;
    }
}

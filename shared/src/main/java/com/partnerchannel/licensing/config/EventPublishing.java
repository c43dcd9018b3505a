package com.partnerchannel.licensing.config;

import com.partnerchannel.licensing.eventbridge.EventBridgeBus;
import com.partnerchannel.licensing.outbox.PublishingEvents;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClientBuilder;

import java.net.URI;

/** The outbox publisher wired by hand: the stream's events onto the EventBridge bus. */
public final class EventPublishing {
    private EventPublishing() {
    }

    public static PublishingEvents publishing(EventBridgeClient eventBridge, String busName) {
        return new PublishingEvents(new EventBridgeBus(eventBridge, busName));
    }

    public static PublishingEvents fromEnvironment() {
        String bus = Configuration.require(Configuration.EVENT_BUS_NAME);
        EventBridgeClientBuilder builder = EventBridgeClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
        Configuration.optionalSetting(Configuration.EVENTBRIDGE_ENDPOINT).map(URI::create).ifPresent(builder::endpointOverride);
        return publishing(builder.build(), bus);
    }
}

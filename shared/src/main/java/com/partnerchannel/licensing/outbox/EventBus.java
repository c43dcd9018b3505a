package com.partnerchannel.licensing.outbox;

import java.util.List;

/** Where domain events go for others to hear: the EventBridge bus. */
public interface EventBus {
    /** Publishes the events; answers the ids of those the bus did not take (to be retried). */
    List<String> publish(List<OutboxEvent> events);
}

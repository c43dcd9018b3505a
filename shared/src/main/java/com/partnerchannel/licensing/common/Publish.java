package com.partnerchannel.licensing.common;

/** Record an event in the outbox, in the same transaction as the change that caused it. */
public record Publish(String eventId, DomainEvent event) implements Change {
}

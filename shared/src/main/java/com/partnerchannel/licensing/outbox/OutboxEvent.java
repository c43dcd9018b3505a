package com.partnerchannel.licensing.outbox;

import java.time.Instant;

/** A domain event as the outbox holds it: its id, type, tenant, moment and detail (a JSON object). */
public record OutboxEvent(String eventId, String type, String companyId, Instant occurredAt, String detailJson) {
}

package com.partnerchannel.licensing.dynamodb;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import static com.partnerchannel.licensing.dynamodb.Attr.s;

/**
 * Sent email: PK {@code C#<companyId>}, SK {@code EMAIL_SENT#<eventId>#<recipient>}; {@code status}
 * {@code sending} (claimed) then {@code sent}. Kept 30 days, far beyond any redelivery of the event.
 */
final class SentEmailItems {
    static final String PREFIX = "EMAIL_SENT#";
    static final String SENDING = "sending";
    static final String SENT = "sent";
    /** Which claim made the item: the claimer's own retry recognises it. */
    static final String CLAIM_ID = "claimId";
    static final Duration KEPT = Duration.ofDays(30);

    private SentEmailItems() {
    }

    static Map<String, AttributeValue> key(String companyId, String eventId, String recipient) {
        return Map.of(Keys.PK, s(Keys.company(companyId)),
                Keys.SK, s(PREFIX + eventId + "#" + recipient.trim().toLowerCase(Locale.ROOT)));
    }

    static Map<String, AttributeValue> claim(String companyId, String eventId, String recipient, Instant at, String claimId) {
        Map<String, AttributeValue> item = new HashMap<>(key(companyId, eventId, recipient));
        item.put(CLAIM_ID, s(claimId));
        item.put("type", s("sentEmail"));
        item.put("eventId", s(eventId));
        item.put("recipient", s(recipient));
        item.put("status", s(SENDING));
        item.put("claimedAt", Attr.t(at));
        item.put(Keys.TTL, Attr.n(at.plus(KEPT).getEpochSecond()));
        return item;
    }
}

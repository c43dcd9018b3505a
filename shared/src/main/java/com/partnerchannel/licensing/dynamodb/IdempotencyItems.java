package com.partnerchannel.licensing.dynamodb;

import com.partnerchannel.licensing.common.IdempotencyRecord;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static com.partnerchannel.licensing.dynamodb.Attr.s;

/** Idempotency record: PK {@code C#<callerCompanyId>}, SK {@code IDEM#<sub>#<key>}; kept 24 hours. */
final class IdempotencyItems {
    static final Duration KEPT = Duration.ofHours(24);

    private IdempotencyItems() {
    }

    static Map<String, AttributeValue> key(String companyId, String userId, String key) {
        return Map.of(Keys.PK, s(Keys.company(companyId)), Keys.SK, s("IDEM#" + userId + "#" + key));
    }

    static Map<String, AttributeValue> toItem(IdempotencyRecord record, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(key(record.companyId(), record.userId(), record.key()));
        item.put("type", s("idempotency"));
        item.put("companyId", s(record.companyId()));
        item.put("userId", s(record.userId()));
        item.put("key", s(record.key()));
        item.put("requestHash", s(record.requestHash()));
        item.put("status", Attr.n(record.status()));
        item.put("body", s(record.body()));
        item.put(Keys.TTL, Attr.n(now.plus(KEPT).getEpochSecond()));
        return item;
    }

    /** An expired record may linger until DynamoDB's TTL sweep removes it; it no longer counts. */
    static boolean isLive(Map<String, AttributeValue> item, Instant now) {
        return Long.parseLong(item.get(Keys.TTL).n()) > now.getEpochSecond();
    }

    static IdempotencyRecord fromItem(Map<String, AttributeValue> item) {
        return new IdempotencyRecord(Attr.str(item, "companyId"), Attr.str(item, "userId"), Attr.str(item, "key"),
                Attr.str(item, "requestHash"), Attr.integer(item, "status"), Attr.str(item, "body"));
    }
}

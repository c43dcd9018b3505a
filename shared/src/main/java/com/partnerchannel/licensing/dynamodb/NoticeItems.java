package com.partnerchannel.licensing.dynamodb;

import com.partnerchannel.licensing.expiry.model.Notice;
import com.partnerchannel.licensing.expiry.model.NoticeOutcome;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static com.partnerchannel.licensing.dynamodb.Attr.s;

/**
 * Notice ledger: PK {@code C#<companyId>}, SK {@code NOTICE#<reminder|expiry>#<expiresAt>[#TRIAL]}: one
 * item per customer, kind and expiry moment, put once ({@code attribute_not_exists}).
 */
final class NoticeItems {
    static final String PREFIX = "NOTICE#";

    private NoticeItems() {
    }

    static Map<String, AttributeValue> key(Notice notice) {
        return Map.of(Keys.PK, s(Keys.company(notice.companyId().value())), Keys.SK, s(PREFIX + notice.kind().name()
                + "#" + Attr.time(notice.expiresAt()) + (notice.trial() ? "#TRIAL" : "")));
    }

    static Map<String, AttributeValue> toItem(Notice notice, NoticeOutcome outcome, Optional<String> eventId, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(key(notice));
        item.put("type", s("notice"));
        item.put("companyId", s(notice.companyId().value()));
        item.put("kind", s(notice.kind().name()));
        item.put("expiresAt", Attr.t(notice.expiresAt()));
        item.put("licenceType", s(notice.trial() ? "trial" : "premium"));
        item.put("outcome", s(outcome.name()));
        item.put("recordedAt", Attr.t(at));
        eventId.ifPresent(id -> item.put("eventId", s(id)));
        return item;
    }
}

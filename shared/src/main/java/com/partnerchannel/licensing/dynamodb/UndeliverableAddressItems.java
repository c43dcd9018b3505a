package com.partnerchannel.licensing.dynamodb;

import com.partnerchannel.licensing.notification.model.UndeliverableAddress;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import static com.partnerchannel.licensing.dynamodb.Attr.s;

/**
 * Undeliverable address: PK {@code UNDELIVERABLE#<address>}, SK {@code UNDELIVERABLE}. Not under a
 * company: a mailbox that does not exist bounces whichever company names it (SES's suppression list is
 * the account's too), and the notifier asks by address.
 */
final class UndeliverableAddressItems {
    static final String PREFIX = "UNDELIVERABLE#";
    static final String SORT = "UNDELIVERABLE";

    private UndeliverableAddressItems() {
    }

    static Map<String, AttributeValue> key(String address) {
        return Map.of(Keys.PK, s(PREFIX + address.trim().toLowerCase(Locale.ROOT)), Keys.SK, s(SORT));
    }

    static Map<String, AttributeValue> item(UndeliverableAddress address) {
        Map<String, AttributeValue> item = new HashMap<>(key(address.address()));
        item.put("type", s("undeliverableAddress"));
        item.put("address", s(address.address()));
        item.put("reason", s(address.reason().name()));
        item.put("at", Attr.t(address.at()));
        return item;
    }
}

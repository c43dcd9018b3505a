package com.partnerchannel.licensing.dynamodb;

import com.partnerchannel.licensing.allocation.model.LicencePool;
import com.partnerchannel.licensing.common.PoolId;
import com.partnerchannel.licensing.common.OrderId;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.Map;

import static com.partnerchannel.licensing.dynamodb.Attr.s;

/**
 * Licence pool: PK {@code C#<companyId>}, SK {@code POOL#<poolId>}; GSI4 (expiry) {@code EXP#<day>#<shard>} /
 * {@code <expiresAt>#C#<companyId>#POOL#<poolId>}.
 * {@code owesSeats} marks a new pool whose unlicensed learners have not yet taken their seats.
 */
final class PoolItems {
    static final String PREFIX = "POOL#";
    static final String OWES_SEATS = "owesSeats";

    private PoolItems() {
    }

    static Map<String, AttributeValue> key(CompanyId companyId, PoolId poolId) {
        return Map.of(Keys.PK, s(Keys.company(companyId.value())), Keys.SK, s(PREFIX + poolId.value()));
    }

    /** A pool as an assignment creates it: owing seats to the company's unlicensed learners. */
    static Map<String, AttributeValue> newItem(LicencePool pool) {
        Map<String, AttributeValue> item = toItem(pool);
        item.put(OWES_SEATS, AttributeValue.fromBool(true));
        return item;
    }

    static Map<String, AttributeValue> toItem(LicencePool pool) {
        Map<String, AttributeValue> item = new HashMap<>(key(pool.companyId(), pool.poolId()));
        String companyId = pool.companyId().value();
        item.put("type", s("pool"));
        item.put("poolId", s(pool.poolId().value()));
        item.put("companyId", s(companyId));
        item.put("orderId", s(pool.orderId().value()));
        item.put("seats", Attr.n(pool.seats()));
        item.put("allocated", Attr.n(pool.allocated()));
        item.put("startsAt", Attr.t(pool.startsAt()));
        item.put("expiresAt", Attr.t(pool.expiresAt()));
        item.put(Keys.pk(Keys.EXPIRY), s(Keys.expiryPartition(Attr.time(pool.expiresAt()).substring(0, 10), companyId,
                pool.poolId().value())));
        item.put(Keys.sk(Keys.EXPIRY), s(Attr.time(pool.expiresAt()) + "#C#" + companyId + "#POOL#" + pool.poolId().value()));
        return item;
    }

    static boolean owesSeats(Map<String, AttributeValue> item) {
        return item.containsKey(OWES_SEATS);
    }

    static LicencePool fromItem(Map<String, AttributeValue> item) {
        return new LicencePool(
                new PoolId(Attr.str(item, "poolId")),
                new CompanyId(Attr.str(item, "companyId")),
                new OrderId(Attr.str(item, "orderId")),
                Attr.integer(item, "seats"),
                Attr.integer(item, "allocated"),
                Attr.instant(item, "startsAt"),
                Attr.instant(item, "expiresAt"));
    }
}

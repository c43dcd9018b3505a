package com.partnerchannel.licensing.dynamodb;

import com.partnerchannel.licensing.allocation.application.Reservation;
import com.partnerchannel.licensing.common.PoolId;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static com.partnerchannel.licensing.dynamodb.Attr.s;

/**
 * Seat reservation: PK {@code C#<companyId>}, SK {@code RESERVATION#<reservationId>}; {@code reserved}
 * and {@code used} map pool ids to seats; {@code open} until the unused seats went back. Kept 30 days.
 */
final class ReservationItems {
    static final String PREFIX = "RESERVATION#";
    static final Duration KEPT = Duration.ofDays(30);

    private ReservationItems() {
    }

    static Map<String, AttributeValue> key(CompanyId companyId, String reservationId) {
        return Map.of(Keys.PK, s(Keys.company(companyId.value())), Keys.SK, s(PREFIX + reservationId));
    }

    static Map<String, AttributeValue> toItem(Reservation reservation) {
        Map<String, AttributeValue> item = new HashMap<>(key(reservation.companyId(), reservation.reservationId()));
        item.put("type", s("reservation"));
        item.put("companyId", s(reservation.companyId().value()));
        item.put("reservationId", s(reservation.reservationId()));
        item.put("reserved", counts(reservation.reserved()));
        item.put("used", counts(reservation.used()));
        item.put("open", AttributeValue.fromBool(reservation.open()));
        item.put("createdAt", Attr.t(reservation.createdAt()));
        item.put(Keys.TTL, Attr.n(reservation.createdAt().plus(KEPT).getEpochSecond()));
        return item;
    }

    static Reservation fromItem(Map<String, AttributeValue> item) {
        return new Reservation(new CompanyId(Attr.str(item, "companyId")), Attr.str(item, "reservationId"),
                counts(item.get("reserved")), counts(item.get("used")), item.get("open").bool(),
                Attr.instant(item, "createdAt"));
    }

    private static AttributeValue counts(Map<PoolId, Integer> counts) {
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        counts.forEach((pool, n) -> map.put(pool.value(), Attr.n(n)));
        return AttributeValue.fromM(map);
    }

    private static Map<PoolId, Integer> counts(AttributeValue value) {
        Map<PoolId, Integer> counts = new LinkedHashMap<>();
        value.m().forEach((pool, n) -> counts.put(new PoolId(pool), Integer.parseInt(n.n())));
        return counts;
    }
}

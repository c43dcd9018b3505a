package com.partnerchannel.licensing.dynamodb;

import com.partnerchannel.licensing.allocation.application.Learners;
import com.partnerchannel.licensing.allocation.application.Reservation;
import com.partnerchannel.licensing.allocation.application.Reservations;
import com.partnerchannel.licensing.common.Backoff;
import com.partnerchannel.licensing.common.PoolId;
import com.partnerchannel.licensing.allocation.model.SeatTake;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.partnerchannel.licensing.dynamodb.Attr.s;

public final class DynamoReservations implements Reservations {
    private static final int MAX_ATTEMPTS = 8;

    private final DynamoDbClient dynamo;
    private final String table;
    private final QueryPager pager;
    private final Backoff backoff;

    public DynamoReservations(DynamoDbClient dynamo, String table) {
        this(dynamo, table, Backoff.standard());
    }

    /** @param backoff the wait before closing again after another writer changed the reservation or its pools */
    public DynamoReservations(DynamoDbClient dynamo, String table, Backoff backoff) {
        this.dynamo = dynamo;
        this.table = table;
        this.pager = new QueryPager(dynamo);
        this.backoff = backoff;
    }

    @Override
    public Optional<Reservation> get(CompanyId companyId, String reservationId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(ReservationItems.key(companyId, reservationId))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(ReservationItems.fromItem(item));
    }

    /** One query of the {@code RESERVATION#} range; the open ones are few, the closed ones go with their {@code ttl}. */
    @Override
    public List<Reservation> open(CompanyId companyId) {
        return pager.all(QueryRequest.builder().tableName(table)
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :reservations)")
                        .filterExpression("#open = :open")
                        .expressionAttributeNames(Map.of("#open", "open"))
                        .expressionAttributeValues(Map.of(":pk", s(Keys.company(companyId.value())),
                                ":reservations", s(ReservationItems.PREFIX), ":open", AttributeValue.fromBool(true)))
                        .consistentRead(true).build())
                .stream().map(ReservationItems::fromItem).toList();
    }

    @Override
    public Reservation reserve(CompanyId companyId, String reservationId, List<SeatTake> seats, Instant now) {
        Map<PoolId, Integer> reserved = new LinkedHashMap<>();
        Map<PoolId, Integer> used = new LinkedHashMap<>();
        seats.forEach(take -> {
            reserved.put(take.pool().poolId(), take.seats());
            used.put(take.pool().poolId(), 0);
        });
        Reservation reservation = new Reservation(companyId, reservationId, reserved, used, true, now);
        Transaction<String> transaction = new Transaction<>(table);
        seats.forEach(take -> DynamoLearners.takeSeats(transaction, companyId, take, now));
        transaction.put("reservation", ReservationItems.toItem(reservation), "attribute_not_exists(PK)", Map.of(), Map.of());
        try {
            transaction.commit(dynamo);
            return reservation;
        } catch (Transaction.Failed e) {
            if (e.failed.contains("reservation")) throw new AlreadyExists(e);
            throw new Learners.SeatsTaken(e);
        }
    }

    /**
     * Gives back what was reserved and not used, and closes the reservation, in one transaction that
     * holds only if {@code used} is still as read; so a seat is never given back twice.
     */
    @Override
    public void close(Reservation reservation) {
        Reservation current = reservation;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            if (!current.open()) return;
            if (attempt > 1) backoff.beforeRetry(attempt - 1);
            Transaction<String> transaction = new Transaction<>(table);
            Map<String, AttributeValue> values = new HashMap<>();
            values.put(":open", AttributeValue.fromBool(true));
            values.put(":closed", AttributeValue.fromBool(false));
            values.put(":used", ReservationItems.toItem(current).get("used"));
            transaction.update("reservation", ReservationItems.key(current.companyId(), current.reservationId()),
                    "SET #open = :closed", "#open = :open AND used = :used", Map.of("#open", "open"), values);
            for (PoolId pool : current.reserved().keySet()) {
                int unused = current.unused(pool);
                if (unused > 0) {
                    transaction.update(pool.value(), PoolItems.key(current.companyId(), pool),
                            "SET allocated = allocated - :n", "allocated >= :n", Map.of(), Map.of(":n", Attr.n(unused)));
                }
            }
            try {
                transaction.commit(dynamo);
                return;
            } catch (Transaction.Failed e) {
                current = get(current.companyId(), current.reservationId()).orElseThrow(() -> e);
            }
        }
        throw new IllegalStateException("reservation " + reservation.reservationId() + " kept changing while closing");
    }
}

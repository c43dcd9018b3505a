package com.partnerchannel.licensing.memory;

import com.partnerchannel.licensing.allocation.application.Learners;
import com.partnerchannel.licensing.allocation.application.Reservation;
import com.partnerchannel.licensing.allocation.application.Reservations;
import com.partnerchannel.licensing.allocation.model.SeatTake;
import com.partnerchannel.licensing.common.PoolId;
import com.partnerchannel.licensing.tenancy.model.CompanyId;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@link Reservations} on an {@link InMemoryTable}: reserving takes the seats and records the reservation at
 * once; closing gives back exactly the unused seats, once, as DynamoReservations' conditions make it.
 */
public final class InMemoryReservations implements Reservations {
    private final InMemoryTable table;
    private final InMemoryLearners seats;

    public InMemoryReservations(InMemoryTable table) {
        this.table = table;
        this.seats = new InMemoryLearners(table);
    }

    @Override
    public Optional<Reservation> get(CompanyId companyId, String reservationId) {
        synchronized (table) {
            return Optional.ofNullable(table.reservationsOf(companyId).get(reservationId));
        }
    }

    @Override
    public List<Reservation> open(CompanyId companyId) {
        return matching(companyId, Reservation::open);
    }

    private List<Reservation> matching(CompanyId companyId, Predicate<Reservation> where) {
        synchronized (table) {
            return table.reservationsOf(companyId).values().stream().filter(where)
                    .sorted(Comparator.comparing(Reservation::reservationId)).toList();
        }
    }

    @Override
    public Reservation reserve(CompanyId companyId, String reservationId, List<SeatTake> takes, Instant now) {
        Map<PoolId, Integer> reserved = new LinkedHashMap<>();
        Map<PoolId, Integer> used = new LinkedHashMap<>();
        takes.forEach(take -> {
            reserved.put(take.pool().poolId(), take.seats());
            used.put(take.pool().poolId(), 0);
        });
        Reservation reservation = new Reservation(companyId, reservationId, reserved, used, true, now);
        InMemoryTable.requireFits(takes.size() + 1);
        synchronized (table) {
            if (table.reservationsOf(companyId).containsKey(reservationId)) throw new AlreadyExists(null);
            if (!takes.stream().allMatch(take -> seats.canTake(companyId, take, now))) throw new Learners.SeatsTaken(null);
            takes.forEach(take -> seats.moveSeats(companyId, take.pool().poolId(), take.seats()));
            table.reservationsOf(companyId).put(reservationId, reservation);
            return reservation;
        }
    }

    @Override
    public void close(Reservation reservation) {
        synchronized (table) {
            Reservation current = table.reservationsOf(reservation.companyId()).get(reservation.reservationId());
            if (current == null) throw new IllegalStateException("no reservation " + reservation.reservationId());
            if (!current.open()) return;
            for (PoolId pool : current.reserved().keySet()) {
                int unused = current.unused(pool);
                if (unused > 0) seats.moveSeats(current.companyId(), pool, -unused);
            }
            table.reservationsOf(current.companyId()).put(current.reservationId(), new Reservation(current.companyId(),
                    current.reservationId(), current.reserved(), current.used(), false, current.createdAt()));
        }
    }
}

package com.partnerchannel.licensing.allocation.application;

import com.partnerchannel.licensing.allocation.model.SeatTake;
import com.partnerchannel.licensing.tenancy.model.CompanyId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface Reservations {
    Optional<Reservation> get(CompanyId companyId, String reservationId);

    /**
     * Every open reservation of the company, in id order, in one read: what a renewal asks before it
     * reserves (those left behind by a crashed run, and its own left open by an earlier attempt).
     */
    List<Reservation> open(CompanyId companyId);

    /** The open reservation of a renewal (its ids start with the renewal's id), if one was left open. */
    default Optional<Reservation> openFor(CompanyId companyId, String renewalId) {
        return open(companyId).stream().filter(reservation -> reservation.isOf(renewalId)).findFirst();
    }

    /** Open reservations of the company created before {@code before}: left behind by a crashed run. */
    default List<Reservation> openSince(CompanyId companyId, Instant before) {
        return open(companyId).stream().filter(reservation -> reservation.createdAt().isBefore(before)).toList();
    }

    /**
     * Takes the seats from the pools and records the reservation, at once.
     *
     * @throws Learners.SeatsTaken when a pool no longer has them
     * @throws AlreadyExists when a reservation of that id was made before (a retry)
     */
    Reservation reserve(CompanyId companyId, String reservationId, List<SeatTake> seats, Instant now);

    /** Returns the unused seats to their pools and closes the reservation; nothing if it is closed already. */
    void close(Reservation reservation);

    final class AlreadyExists extends RuntimeException {
        public AlreadyExists(Throwable cause) {
            super("reservation exists", cause);
        }
    }
}

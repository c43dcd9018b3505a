package com.partnerchannel.licensing.contract;

import com.partnerchannel.licensing.allocation.application.Learners;
import com.partnerchannel.licensing.allocation.application.Reservation;
import com.partnerchannel.licensing.allocation.application.Reservations;
import com.partnerchannel.licensing.allocation.model.LicencePool;
import com.partnerchannel.licensing.allocation.model.SeatTake;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.Plan;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Reservations}: seats taken up front at once, never twice under one id, and the unused given back once. */
public abstract class ReservationsContract extends PortContract {

    @Test
    void reservingTakesTheSeatsAndRecordsThemOpen() {
        Company acme = aCustomer(Plan.premium);
        LicencePool pool = aPool(acme, 5);
        Reservation reservation = ports.reservations().reserve(acme.companyId(), "R1-A", List.of(new SeatTake(pool, 3)),
                clock.instant());
        assertThat(poolNow(pool).allocated()).isEqualTo(3);
        assertThat(ports.reservations().get(acme.companyId(), "R1-A")).contains(reservation);
        assertThat(ports.reservations().openFor(acme.companyId(), "R1")).contains(reservation);
        assertThat(ports.reservations().openFor(acme.companyId(), "R2")).isEmpty();
    }

    @Test
    void aReservationIdIsUsedOnce() {
        Company acme = aCustomer(Plan.premium);
        LicencePool pool = aPool(acme, 5);
        ports.reservations().reserve(acme.companyId(), "R1-A", List.of(new SeatTake(pool, 1)), clock.instant());
        LicencePool asRead = poolNow(pool);
        assertThatThrownBy(() -> ports.reservations().reserve(acme.companyId(), "R1-A", List.of(new SeatTake(asRead, 1)),
                clock.instant())).isInstanceOf(Reservations.AlreadyExists.class);
        assertThat(poolNow(pool).allocated()).isEqualTo(1);
    }

    @Test
    void moreSeatsThanFreeReserveNothing() {
        Company acme = aCustomer(Plan.premium);
        LicencePool pool = aPool(acme, 2);
        aSeatedLearner(acme, "ann@acme.test", pool);
        assertThatThrownBy(() -> ports.reservations().reserve(acme.companyId(), "R1-A", List.of(new SeatTake(pool, 2)),
                clock.instant())).isInstanceOf(Learners.SeatsTaken.class);
        assertThat(ports.reservations().get(acme.companyId(), "R1-A")).isEmpty();
        assertThat(poolNow(pool).allocated()).isEqualTo(1);
    }

    @Test
    void closingGivesBackTheUnusedSeatsOnce() {
        Company acme = aCustomer(Plan.premium);
        LicencePool pool = aPool(acme, 5);
        Reservation reservation = ports.reservations().reserve(acme.companyId(), "R1-A", List.of(new SeatTake(pool, 3)),
                clock.instant());
        ports.reservations().close(reservation);
        ports.reservations().close(reservation);
        assertThat(poolNow(pool).allocated()).isZero();
        assertThat(ports.reservations().get(acme.companyId(), "R1-A").orElseThrow().open()).isFalse();
        assertThat(ports.reservations().openFor(acme.companyId(), "R1")).isEmpty();
    }

    @Test
    void openReservationsOlderThanAMomentAreThoseACrashLeft() {
        Company acme = aCustomer(Plan.premium);
        LicencePool pool = aPool(acme, 5);
        Reservation old = ports.reservations().reserve(acme.companyId(), "R1-A", List.of(new SeatTake(pool, 1)), clock.instant());
        clock.advance(Duration.ofMinutes(20));
        Reservation recent = ports.reservations().reserve(acme.companyId(), "R2-A", List.of(new SeatTake(poolNow(pool), 1)),
                clock.instant());
        assertThat(ports.reservations().openSince(acme.companyId(), clock.instant().minus(Duration.ofMinutes(15))))
                .containsExactly(old);
        ports.reservations().close(old);
        assertThat(ports.reservations().openSince(acme.companyId(), clock.instant().plusSeconds(1))).containsExactly(recent);
    }
}

package com.partnerchannel.licensing.allocation.model;

import com.partnerchannel.licensing.common.PoolId;

import com.partnerchannel.licensing.common.OrderId;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LicencePoolTest {
    @Test
    void aLicenceLastsTwelveCalendarMonthsFromAssignmentInUtc() {
        assertThat(LicencePool.expiryFor(Instant.parse("2026-03-31T23:30:00Z")))
                .isEqualTo(Instant.parse("2027-03-31T23:30:00Z"));
        assertThat(LicencePool.expiryFor(Instant.parse("2026-01-15T00:00:00Z")))
                .isEqualTo(Instant.parse("2027-01-15T00:00:00Z"));
    }

    @Test
    void the29thOfFebruaryMapsToThe28th() {
        assertThat(LicencePool.expiryFor(Instant.parse("2028-02-29T10:00:00Z")))
                .isEqualTo(Instant.parse("2029-02-28T10:00:00Z"));
    }

    @Test
    void anExpiredPoolGivesNoSeatsWhateverWasRecorded() {
        LicencePool pool = LicencePool.assigned(new PoolId("P1"), new CompanyId("C1"), new OrderId("O1"), 10,
                Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(pool.available(Instant.parse("2026-12-31T23:59:59Z"))).isEqualTo(10);
        assertThat(pool.status(Instant.parse("2026-12-31T23:59:59Z"))).isEqualTo("active");
        assertThat(pool.available(Instant.parse("2027-01-01T00:00:00Z"))).isZero();
        assertThat(pool.status(Instant.parse("2027-01-01T00:00:00Z"))).isEqualTo("expired");
    }

    @Test
    void aPoolCannotHoldMoreAllocationsThanSeats() {
        assertThatThrownBy(() -> new LicencePool(new PoolId("P1"), new CompanyId("C1"), new OrderId("O1"), 2, 3,
                Instant.EPOCH, Instant.EPOCH)).isInstanceOf(IllegalStateException.class);
    }
}

package com.partnerchannel.licensing.contract;

import com.partnerchannel.licensing.allocation.application.LicencePools;
import com.partnerchannel.licensing.allocation.model.CompanyPools;
import com.partnerchannel.licensing.allocation.model.LicencePool;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.Plan;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link LicencePools}: a company's pools soonest expiry first; free seats only in unexpired pools; work owed once. */
public abstract class LicencePoolsContract extends PortContract {

    @Test
    void aCompanysPoolsComeSoonestExpiryFirst() {
        Company acme = aCustomer(Plan.premium);
        LicencePool first = aPool(acme, 3);
        clock.advance(Duration.ofDays(10));
        LicencePool second = aPool(acme, 4);
        aPool(aCustomer(Plan.premium), 5);
        assertThat(ports.pools().ofCompany(acme.companyId())).containsExactly(first, second);
    }

    @Test
    void freeSeatsAreInPoolsNotFullAndNotExpired() {
        Company acme = aCustomer(Plan.premium);
        LicencePool full = aPool(acme, 1);
        aSeatedLearner(acme, "ann@acme.test", full);
        clock.advance(Duration.ofDays(10));
        LicencePool later = aPool(acme, 2);
        assertThat(ports.pools().withFreeSeats(acme.companyId(), clock.instant())).containsExactly(later);
        assertThat(ports.pools().withFreeSeats(acme.companyId(), later.expiresAt().minusMillis(1))).containsExactly(later);
        assertThat(ports.pools().withFreeSeats(acme.companyId(), later.expiresAt())).isEmpty();
    }

    @Test
    void aNewPoolOwesSeatsUntilSettled() {
        Company acme = aCustomer(Plan.premium);
        LicencePool pool = aPool(acme, 3);
        assertThat(ports.pools().owingSeats(acme.companyId())).containsExactly(pool);
        ports.pools().settled(pool);
        assertThat(ports.pools().owingSeats(acme.companyId())).isEmpty();
        assertThat(ports.pools().ofCompany(acme.companyId())).containsExactly(pool);
    }

    @Test
    void oneReadGivesEveryPoolThoseThatOweSeatsAndThoseWithFreeSeats() {
        Company acme = aCustomer(Plan.premium);
        LicencePool full = aPool(acme, 1);
        aSeatedLearner(acme, "ann@acme.test", full);
        ports.pools().settled(full);
        clock.advance(Duration.ofDays(10));
        LicencePool owing = aPool(acme, 2);
        aPool(aCustomer(Plan.premium), 5);

        CompanyPools read = ports.pools().seating(acme.companyId());

        assertThat(read.pools()).containsExactly(poolNow(full), owing);
        assertThat(read.owingSeats()).containsExactly(owing);
        assertThat(read.withFreeSeats(clock.instant())).containsExactlyElementsOf(
                ports.pools().withFreeSeats(acme.companyId(), clock.instant())).containsExactly(owing);
        assertThat(read.withFreeSeats(owing.expiresAt())).isEmpty();
    }
}

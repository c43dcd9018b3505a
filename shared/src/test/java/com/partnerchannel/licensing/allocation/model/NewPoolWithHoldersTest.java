package com.partnerchannel.licensing.allocation.model;

import com.partnerchannel.licensing.common.OrderId;
import com.partnerchannel.licensing.common.PoolId;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.UserId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NewPoolWithHoldersTest {
    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");
    private static final CompanyId INITECH = new CompanyId("C1");

    @Test
    void theManagersOfANewCompanyTakeSeatsOfItsFirstPoolAndThePoolCountsThem() {
        NewPoolWithHolders.Seated seated = NewPoolWithHolders.seat(pool(7), List.of(manager("U1"), manager("U2")));

        assertThat(seated.pool().pool().allocated()).isEqualTo(2);
        assertThat(seated.pool().pool().available(NOW)).isEqualTo(5);
        assertThat(seated.pool().holders()).allSatisfy(holder -> {
            assertThat(holder.recordedStatus()).contains(LicenceStatus.active);
            assertThat(holder.poolId()).contains(new PoolId("P1"));
            assertThat(holder.expiresAt()).contains(Instant.parse("2027-03-01T09:00:00Z"));
        });
        assertThat(seated.unlicensed()).isEmpty();
    }

    @Test
    void withFewerSeatsThanLearnersTheFirstNamedTakeThemAndTheOthersAreUnlicensed() {
        NewPoolWithHolders.Seated seated = NewPoolWithHolders.seat(pool(1), List.of(manager("U1"), manager("U2"), manager("U3")));

        assertThat(seated.pool().holders()).extracting(l -> l.learnerId().value()).containsExactly("U1");
        assertThat(seated.pool().pool().available(NOW)).isZero();
        assertThat(seated.unlicensed()).extracting(l -> l.learnerId().value()).containsExactly("U2", "U3");
        assertThat(seated.unlicensed()).allSatisfy(l -> assertThat(l.recordedStatus()).contains(LicenceStatus.unlicensed));
    }

    @Test
    void aPoolWhoseAllocatedDoesNotCountItsHoldersIsRefused() {
        Learner holder = manager("U1").withSeat(pool(7));

        assertThatThrownBy(() -> new NewPoolWithHolders(pool(7), List.of(holder)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("counts 0 seats allocated for 1 holders");
        LicencePool other = new LicencePool(new PoolId("P2"), INITECH, new OrderId("O1"), 7, 1, NOW, LicencePool.expiryFor(NOW));
        assertThatThrownBy(() -> new NewPoolWithHolders(other, List.of(holder)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds no seat of pool P2");
    }

    private static LicencePool pool(int seats) {
        return LicencePool.assigned(new PoolId("P1"), INITECH, new OrderId("O1"), seats, NOW);
    }

    private static Learner manager(String id) {
        return Learner.newUser(new UserId(id), INITECH, id.toLowerCase() + "@initech.test", "First", "Last",
                LearnerRole.manager, LearnerSource.manual, NOW).unlicensed();
    }
}

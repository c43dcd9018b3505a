package com.partnerchannel.licensing.allocation.application;

import com.partnerchannel.licensing.allocation.model.LearnerSource;
import com.partnerchannel.licensing.allocation.model.LearnerRole;
import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.allocation.model.LicenceStatus;
import com.partnerchannel.licensing.allocation.model.LicenceType;
import com.partnerchannel.licensing.common.PoolId;
import com.partnerchannel.licensing.memory.InMemoryLearners;
import com.partnerchannel.licensing.memory.InMemoryTable;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.UserId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A renewal chunk fills one allocation from the reservation, as the Learners adapters count it (the in-memory one
 * counts as DynamoDB's transaction does: a put per learner, the reservation, an update per old pool, and the
 * company's counters when a learner held no seat).
 */
class RenewalChunkTest {
    private final Learners adapter = new InMemoryLearners(new InMemoryTable());

    private int chunkSize(List<Learner> waiting) {
        return RenewingLicences.chunkSize(waiting, adapter::mostAllocatedFromReservation);
    }

    @Test
    void learnersLeavingOnePoolFillNinetyEightPutsBesideTheReservationAndThatPool() {
        assertThat(chunkSize(learners(500, i -> Optional.of(new PoolId("OLD"))))).isEqualTo(98);
    }

    @Test
    void unlicensedLearnersLeaveNoPoolButChangeTheCompanysCountersSoNinetyEightFit() {
        assertThat(chunkSize(learners(500, i -> Optional.empty()))).isEqualTo(98);
    }

    @Test
    void oneLearnerWithoutASeatAmongSeatHoldersTakesTheCompanysItemToo() {
        assertThat(chunkSize(learners(500, i -> i == 50 ? Optional.empty() : Optional.of(new PoolId("OLD"))))).isEqualTo(97);
    }

    @Test
    void learnersEachLeavingAnotherPoolTakeTwoItemsEach() {
        assertThat(chunkSize(learners(500, i -> Optional.of(new PoolId("OLD" + i))))).isEqualTo(49);
    }

    @Test
    void aShortListIsOneChunk() {
        assertThat(chunkSize(learners(7, i -> Optional.of(new PoolId("OLD" + i % 3))))).isEqualTo(7);
        assertThat(chunkSize(List.of())).isZero();
    }

    private static List<Learner> learners(int count, IntFunction<Optional<PoolId>> oldPool) {
        List<Learner> learners = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Optional<PoolId> pool = oldPool.apply(i);
            learners.add(new Learner(new UserId("L" + i), new CompanyId("C"), "l" + i + "@acme.test", "", "",
                    LearnerRole.learner, LearnerSource.manual, Optional.of(pool.isPresent() ? LicenceStatus.expired : LicenceStatus.unlicensed),
                    pool.map(p -> LicenceType.premium), pool, pool.map(p -> Instant.EPOCH), Instant.EPOCH, Optional.empty(),
                    Optional.empty(), Optional.empty()));
        }
        return learners;
    }
}

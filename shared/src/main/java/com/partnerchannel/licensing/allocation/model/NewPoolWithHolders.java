package com.partnerchannel.licensing.allocation.model;

import java.util.List;
import java.util.Optional;

/**
 * Create a pool together with the new learners who hold its first seats: the pool is written with them
 * counted in {@code allocated}, and owing seats to nobody, so the learners need no update of it. Fails if
 * the pool exists or any learner's email is taken in its company. A company created with its initial
 * order seats its managers this way (rule 6).
 */
public record NewPoolWithHolders(LicencePool pool, List<Learner> holders) implements AllocationChange {
    public NewPoolWithHolders {
        holders = List.copyOf(holders);
        if (pool.allocated() != holders.size()) {
            throw new IllegalArgumentException("pool " + pool.poolId() + " counts " + pool.allocated()
                    + " seats allocated for " + holders.size() + " holders");
        }
        for (Learner holder : holders) {
            if (!holder.poolId().equals(Optional.of(pool.poolId())) || !holder.companyId().equals(pool.companyId())) {
                throw new IllegalArgumentException("learner " + holder.learnerId() + " holds no seat of pool " + pool.poolId());
            }
        }
    }

    @Override
    public <R> R accept(Mapping<R> mapping) {
        return mapping.newPoolWithHolders(this);
    }

    /**
     * The learners, in the order given, take seats of {@code pool} (new, none allocated) while it has
     * any; the others are left unlicensed.
     */
    public static Seated seat(LicencePool pool, List<Learner> learners) {
        int seated = Math.min(pool.seats() - pool.allocated(), learners.size());
        LicencePool withHolders = new LicencePool(pool.poolId(), pool.companyId(), pool.orderId(), pool.seats(),
                pool.allocated() + seated, pool.startsAt(), pool.expiresAt());
        List<Learner> holders = learners.subList(0, seated).stream().map(l -> l.withSeat(withHolders)).toList();
        List<Learner> unlicensed = learners.subList(seated, learners.size()).stream().map(Learner::unlicensed).toList();
        return new Seated(new NewPoolWithHolders(withHolders, holders), unlicensed);
    }

    /** The pool with its holders, and the learners left without a seat. */
    public record Seated(NewPoolWithHolders pool, List<Learner> unlicensed) {
    }
}

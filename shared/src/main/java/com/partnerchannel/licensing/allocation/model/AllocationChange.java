package com.partnerchannel.licensing.allocation.model;

import com.partnerchannel.licensing.common.Change;

/**
 * A write of pools and learners. Sealed, and each kind hands itself to its own method of {@link Mapping}: an adapter that
 * implements the mapping fails to compile until it maps every kind (Java 17 has no exhaustive switch over
 * a sealed type, and a sealed type's kinds must share its package, so each capability has its own).
 */
public sealed interface AllocationChange extends Change permits NewPool, NewPoolWithHolders, NewLearner {

    <R> R accept(Mapping<R> mapping);

    /** What an adapter does with each kind of AllocationChange. */
    interface Mapping<R> {
        R newPool(NewPool change);

        R newPoolWithHolders(NewPoolWithHolders change);

        R newLearner(NewLearner change);
    }
}

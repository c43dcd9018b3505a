package com.partnerchannel.licensing.renewal.model;

import com.partnerchannel.licensing.common.Change;

/**
 * A write of a renewal import. Sealed, and each kind hands itself to its own method of {@link Mapping}: an adapter that
 * implements the mapping fails to compile until it maps every kind (Java 17 has no exhaustive switch over
 * a sealed type, and a sealed type's kinds must share its package, so each capability has its own).
 */
public sealed interface RenewalImportChange extends Change permits NewRenewalImport, RenewalImportTransition {

    <R> R accept(Mapping<R> mapping);

    /** What an adapter does with each kind of RenewalImportChange. */
    interface Mapping<R> {
        R newRenewalImport(NewRenewalImport change);

        R renewalImportTransition(RenewalImportTransition change);
    }
}

package com.partnerchannel.licensing.tenancy.model;

import com.partnerchannel.licensing.common.Change;

/**
 * A write of a company. Sealed, and each kind hands itself to its own method of {@link Mapping}: an adapter that
 * implements the mapping fails to compile until it maps every kind (Java 17 has no exhaustive switch over
 * a sealed type, and a sealed type's kinds must share its package, so each capability has its own).
 */
public sealed interface CompanyChange extends Change permits NewCompany, PlanUpgrade {

    <R> R accept(Mapping<R> mapping);

    /** What an adapter does with each kind of CompanyChange. */
    interface Mapping<R> {
        R newCompany(NewCompany change);

        R planUpgrade(PlanUpgrade change);
    }
}

package com.partnerchannel.licensing.renewal.model;

/** The import as it is after a change, written only if nobody changed it since it was read (its version). */
public record RenewalImportTransition(RenewalImport after) implements RenewalImportChange {
    @Override
    public <R> R accept(Mapping<R> mapping) {
        return mapping.renewalImportTransition(this);
    }
}

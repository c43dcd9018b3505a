package com.partnerchannel.licensing.renewal.model;

import com.partnerchannel.licensing.common.Change;

/** The import as it is after a change, written only if nobody changed it since it was read (its version). */
public record RenewalImportTransition(RenewalImport after) implements Change {
}

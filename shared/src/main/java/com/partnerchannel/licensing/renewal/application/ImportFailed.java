package com.partnerchannel.licensing.renewal.application;

import com.partnerchannel.licensing.renewal.model.ImportFailure;

/** The file cannot be analysed; the failure says why, for the manager. */
final class ImportFailed extends RuntimeException {
    private final ImportFailure failure;

    ImportFailed(ImportFailure.Code code, String message) {
        super(message);
        this.failure = new ImportFailure(code, message);
    }

    ImportFailure failure() {
        return failure;
    }
}

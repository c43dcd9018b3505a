package com.partnerchannel.licensing.renewal.model;

import com.partnerchannel.licensing.common.Problem;

public record ImportId(String value) {
    public ImportId {
        if (value == null || value.isBlank() || !value.matches("[0-9A-Z]{1,40}")) {
            throw Problem.invalid("importId", "is not an import id");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}

package com.partnerchannel.licensing.tenancy.model;

import com.partnerchannel.licensing.common.Problem;

public record CompanyId(String value) {
    public CompanyId {
        if (value == null || value.isBlank() || value.contains("#")) {
            throw Problem.invalid("companyId", "is not a company id");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}

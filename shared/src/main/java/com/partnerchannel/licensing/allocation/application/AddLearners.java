package com.partnerchannel.licensing.allocation.application;

import java.util.List;

/** The body of {@code POST /companies/{companyId}/learners}, as sent. */
public record AddLearners(List<Row> learners, String source) {
    public record Row(String email, String firstName, String lastName, String role) {
    }
}

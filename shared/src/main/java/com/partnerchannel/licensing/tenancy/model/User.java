package com.partnerchannel.licensing.tenancy.model;

import java.time.Instant;
import java.util.Optional;

/**
 * A user of a company. A customer's managers are learners too and hold licences by the same rules;
 * partner users hold none ({@code licenceStatus} empty).
 */
public record User(
        CompanyId companyId,
        UserId userId,
        String email,
        String firstName,
        String lastName,
        String role,
        Optional<String> licenceStatus,
        Optional<String> licenceType,
        Optional<Instant> expiresAt,
        Instant createdAt) {

    /** Emails are compared trimmed and case-insensitively. */
    public static String normalise(String email) {
        return email.trim().toLowerCase(java.util.Locale.ROOT);
    }

    public String emailNormalised() {
        return normalise(email);
    }
}

package com.partnerchannel.licensing.directory.model;

import com.partnerchannel.licensing.tenancy.model.CompanyId;

import java.time.Instant;
import java.util.Optional;

/**
 * A secret a customer's identity provider sends to keep the company's learners in step over SCIM. Only
 * the hash of its text is kept; the text itself is shown once, when it is made.
 */
public record DirectoryToken(DirectoryTokenId tokenId, CompanyId companyId, String secretHash, String hint,
                             Instant createdAt, String createdBy, Optional<Instant> lastUsedAt) {
    /** Tokens a company may hold at once; a provider needs one, a rotation two. */
    public static final int MAX_PER_COMPANY = 20;
}

package com.partnerchannel.licensing.directory.application;

import com.partnerchannel.licensing.directory.model.DirectoryToken;
import com.partnerchannel.licensing.directory.model.DirectoryTokenId;
import com.partnerchannel.licensing.tenancy.model.CompanyId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The directory tokens of companies, kept as hashes. */
public interface DirectoryTokens {
    /**
     * Adding the very token held already changes nothing (a retry of the write that stored it).
     * @throws AlreadyExists when another token of this id exists (a repeat of the same Idempotency-Key)
     */
    void add(DirectoryToken token);

    Optional<DirectoryToken> get(CompanyId companyId, DirectoryTokenId tokenId);

    List<DirectoryToken> ofCompany(CompanyId companyId);

    /** @return false when there was no such token */
    boolean remove(CompanyId companyId, DirectoryTokenId tokenId);

    /** Records that the token was used at {@code now}; written at most once a minute per token. */
    void used(DirectoryToken token, Instant now);

    final class AlreadyExists extends RuntimeException {
        public AlreadyExists(Throwable cause) {
            super("a directory token of this id exists", cause);
        }
    }
}

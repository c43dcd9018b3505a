package com.partnerchannel.licensing.memory;

import com.partnerchannel.licensing.directory.application.DirectoryTokens;
import com.partnerchannel.licensing.directory.model.DirectoryToken;
import com.partnerchannel.licensing.directory.model.DirectoryTokenId;
import com.partnerchannel.licensing.tenancy.model.CompanyId;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link DirectoryTokens} on an {@link InMemoryTable}, with DynamoDirectoryTokens' conditions. */
public final class InMemoryDirectoryTokens implements DirectoryTokens {
    private static final Duration LAST_USED_EVERY = Duration.ofMinutes(1);
    private final InMemoryTable table;

    public InMemoryDirectoryTokens(InMemoryTable table) {
        this.table = table;
    }

    @Override
    public void add(DirectoryToken token) {
        synchronized (table) {
            DirectoryToken held = table.directoryTokensOf(token.companyId()).putIfAbsent(token.tokenId().value(), token);
            if (held != null && !held.equals(token)) {
                throw new AlreadyExists(null);
            }
        }
    }

    @Override
    public Optional<DirectoryToken> get(CompanyId companyId, DirectoryTokenId tokenId) {
        synchronized (table) {
            return Optional.ofNullable(table.directoryTokensOf(companyId).get(tokenId.value()));
        }
    }

    @Override
    public List<DirectoryToken> ofCompany(CompanyId companyId) {
        synchronized (table) {
            return List.copyOf(table.directoryTokensOf(companyId).values());
        }
    }

    @Override
    public boolean remove(CompanyId companyId, DirectoryTokenId tokenId) {
        synchronized (table) {
            return table.directoryTokensOf(companyId).remove(tokenId.value()) != null;
        }
    }

    @Override
    public void used(DirectoryToken token, Instant now) {
        synchronized (table) {
            DirectoryToken stored = table.directoryTokensOf(token.companyId()).get(token.tokenId().value());
            if (stored == null) return;
            String since = InMemoryTable.time(now.minus(LAST_USED_EVERY));
            if (stored.lastUsedAt().map(last -> InMemoryTable.time(last).compareTo(since) >= 0).orElse(false)) return;
            table.directoryTokensOf(token.companyId()).put(token.tokenId().value(), new DirectoryToken(stored.tokenId(),
                    stored.companyId(), stored.secretHash(), stored.hint(), stored.createdAt(), stored.createdBy(),
                    Optional.of(now)));
        }
    }
}

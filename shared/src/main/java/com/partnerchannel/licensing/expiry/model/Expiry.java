package com.partnerchannel.licensing.expiry.model;

import com.partnerchannel.licensing.tenancy.model.CompanyId;

import java.time.Instant;
import java.util.List;

/** The licences of one customer that expire at one moment: its notices are about all of them together. */
public record Expiry(Key key, List<Expiring> entries) {
    public record Key(CompanyId companyId, Instant expiresAt, boolean trial) {
    }

    public Expiry {
        entries = List.copyOf(entries);
    }

    public int licences() {
        return entries.stream().mapToInt(Expiring::licences).sum();
    }

    public List<String> poolIds() {
        return entries.stream().flatMap(e -> e.poolId().stream()).sorted().toList();
    }

    public Notice notice(NoticeKind kind) {
        return new Notice(key.companyId(), kind, key.expiresAt(), key.trial());
    }
}

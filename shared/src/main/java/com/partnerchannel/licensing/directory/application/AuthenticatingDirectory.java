package com.partnerchannel.licensing.directory.application;

import com.partnerchannel.licensing.directory.model.DirectoryToken;
import com.partnerchannel.licensing.directory.model.TokenText;

import java.time.Clock;
import java.util.Optional;

/**
 * Which company a SCIM request acts for: the one whose directory token it carries. A missing,
 * malformed, unknown or revoked token, or one whose secret does not match, names none.
 */
public final class AuthenticatingDirectory {
    private final DirectoryTokens tokens;
    private final Clock clock;

    public AuthenticatingDirectory(DirectoryTokens tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    /** @param authorization the request's {@code Authorization} header, as sent */
    public Optional<DirectoryToken> authenticate(String authorization) {
        if (authorization == null) return Optional.empty();
        String value = authorization.strip();
        if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) return Optional.empty();
        Optional<TokenText> text = TokenText.parse(value.substring(7).strip());
        if (text.isEmpty()) return Optional.empty();
        Optional<DirectoryToken> token = tokens.get(text.get().companyId(), text.get().tokenId())
                .filter(stored -> text.get().matches(stored.secretHash()));
        token.ifPresent(found -> tokens.used(found, clock.instant()));
        return token;
    }
}

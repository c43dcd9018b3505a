package com.partnerchannel.licensing.directory.application;

import com.partnerchannel.licensing.allocation.application.DerivedIds;
import com.partnerchannel.licensing.common.Ids;
import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.directory.model.DirectoryToken;
import com.partnerchannel.licensing.directory.model.DirectoryTokenId;
import com.partnerchannel.licensing.directory.model.TokenText;
import com.partnerchannel.licensing.tenancy.application.Companies;
import com.partnerchannel.licensing.tenancy.application.CompanyAccess;
import com.partnerchannel.licensing.tenancy.model.Actor;
import com.partnerchannel.licensing.tenancy.model.CompanyId;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Making, listing and revoking a customer's directory tokens: a manager of the customer, or of a partner
 * above it (or a platform admin, rule 13). The token's text is answered once, when it is made.
 */
public final class IssuingDirectoryTokens {
    private final CompanyAccess access;
    private final DirectoryTokens tokens;
    private final Ids ids;
    private final Clock clock;

    public IssuingDirectoryTokens(Companies companies, DirectoryTokens tokens, Ids ids, Clock clock) {
        this.access = new CompanyAccess(companies);
        this.tokens = tokens;
        this.ids = ids;
        this.clock = clock;
    }

    public record Issued(DirectoryToken token, TokenText text) {
    }

    /**
     * {@code requestKey}: a repeat of the same Idempotency-Key names the same token, which exists then;
     * its text cannot be shown again (it is not stored), so the repeat is a 409 naming it.
     */
    public Issued issue(Actor actor, CompanyId companyId, Optional<String> requestKey) {
        actor.requireManagerOrAdmin();
        access.customer(actor, companyId);
        DirectoryTokenId tokenId = new DirectoryTokenId(requestKey
                .map(key -> DerivedIds.derived("directory-token", companyId.value(), actor.userId().value(), key))
                .orElseGet(ids::next));
        // One read of the company's tokens answers both: is this a repeat, and is there room for one more.
        List<DirectoryToken> held = tokens.ofCompany(companyId);
        if (held.stream().anyMatch(token -> token.tokenId().equals(tokenId))) throw repeated(tokenId);
        if (held.size() >= DirectoryToken.MAX_PER_COMPANY) {
            throw Problem.conflict("the company holds " + DirectoryToken.MAX_PER_COMPANY
                    + " directory tokens already; revoke one first");
        }
        TokenText text = TokenText.issue(companyId, tokenId);
        DirectoryToken token = new DirectoryToken(tokenId, companyId, text.hash(), text.hint(), clock.instant(),
                actor.userId().value(), Optional.empty());
        try {
            tokens.add(token);
        } catch (DirectoryTokens.AlreadyExists e) {
            throw repeated(tokenId);
        }
        return new Issued(token, text);
    }

    public List<DirectoryToken> list(Actor actor, CompanyId companyId) {
        actor.requireManagerOrAdmin();
        access.customer(actor, companyId);
        return tokens.ofCompany(companyId).stream().sorted(Comparator.comparing(DirectoryToken::createdAt)
                .thenComparing(token -> token.tokenId().value())).toList();
    }

    /** The token stops working at once: every SCIM request reads it afresh, nothing caches it. */
    public void revoke(Actor actor, CompanyId companyId, DirectoryTokenId tokenId) {
        actor.requireManagerOrAdmin();
        access.customer(actor, companyId);
        if (!tokens.remove(companyId, tokenId)) throw Problem.notFound("directory token", tokenId.value());
    }

    private static Problem repeated(DirectoryTokenId tokenId) {
        return Problem.conflict("this Idempotency-Key made directory token " + tokenId
                + " already; its secret was shown once and is not kept. Revoke it and make another");
    }
}

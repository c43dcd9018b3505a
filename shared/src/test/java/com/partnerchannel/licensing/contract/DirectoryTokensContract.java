package com.partnerchannel.licensing.contract;

import com.partnerchannel.licensing.directory.application.DirectoryTokens;
import com.partnerchannel.licensing.directory.model.DirectoryToken;
import com.partnerchannel.licensing.directory.model.DirectoryTokenId;
import com.partnerchannel.licensing.directory.model.TokenText;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.Plan;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every DirectoryTokens adapter does: one token per id, per company, its last use at most once a minute. */
public abstract class DirectoryTokensContract extends PortContract {
    private DirectoryToken aToken(CompanyId companyId) {
        DirectoryTokenId id = new DirectoryTokenId(ids.next());
        TokenText text = TokenText.issue(companyId, id);
        return new DirectoryToken(id, companyId, text.hash(), text.hint(), clock.instant(), "it-manager", Optional.empty());
    }

    @Test
    void aTokenIsKeptPerCompanyOncePerIdAndGoesWhenRemoved() {
        Company acme = aCustomer(Plan.premium);
        Company other = aCustomer(Plan.premium);
        DirectoryToken token = aToken(acme.companyId());
        DirectoryTokens tokens = ports.directoryTokens();

        tokens.add(token);

        assertThat(tokens.get(acme.companyId(), token.tokenId())).contains(token);
        assertThat(tokens.get(other.companyId(), token.tokenId())).isEmpty();
        assertThat(tokens.ofCompany(acme.companyId())).containsExactly(token);
        assertThat(tokens.ofCompany(other.companyId())).isEmpty();
        tokens.add(token); // the same token again: a retry of its own write
        TokenText another = TokenText.issue(acme.companyId(), token.tokenId());
        assertThatThrownBy(() -> tokens.add(new DirectoryToken(token.tokenId(), acme.companyId(), another.hash(),
                another.hint(), clock.instant(), "it-manager", Optional.empty())))
                .isInstanceOf(DirectoryTokens.AlreadyExists.class);
        assertThat(tokens.get(acme.companyId(), token.tokenId())).contains(token);
        assertThat(tokens.remove(other.companyId(), token.tokenId())).isFalse();
        assertThat(tokens.remove(acme.companyId(), token.tokenId())).isTrue();
        assertThat(tokens.remove(acme.companyId(), token.tokenId())).isFalse();
        assertThat(tokens.get(acme.companyId(), token.tokenId())).isEmpty();
    }

    @Test
    void theLastUseIsWrittenAtMostOnceAMinuteAndNeverBringsARevokedTokenBack() {
        Company acme = aCustomer(Plan.premium);
        DirectoryToken token = aToken(acme.companyId());
        DirectoryTokens tokens = ports.directoryTokens();
        tokens.add(token);

        tokens.used(token, clock.instant());
        DirectoryToken used = tokens.get(acme.companyId(), token.tokenId()).orElseThrow();
        assertThat(used.lastUsedAt()).contains(clock.instant());
        clock.advance(Duration.ofSeconds(59));
        tokens.used(token, clock.instant());
        assertThat(tokens.get(acme.companyId(), token.tokenId()).orElseThrow().lastUsedAt()).isEqualTo(used.lastUsedAt());
        clock.advance(Duration.ofSeconds(2));
        tokens.used(used, clock.instant());
        assertThat(tokens.get(acme.companyId(), token.tokenId()).orElseThrow().lastUsedAt()).contains(clock.instant());

        tokens.remove(acme.companyId(), token.tokenId());
        clock.advance(Duration.ofMinutes(5));
        tokens.used(token, clock.instant());
        assertThat(tokens.get(acme.companyId(), token.tokenId())).isEmpty();
    }
}

package com.partnerchannel.licensing.local;

import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A refused token says what the caller can fix, in the runner's words rather than the JWT library's. */
class LocalAuthorizerTest {
    static final Instant NOW = Instant.parse("2027-03-01T09:00:00Z");
    static final LocalAuthorizer.Identity MANAGER = new LocalAuthorizer.Identity("u1", "c1", "manager");

    /** This run's key and an earlier run's, made once for the class: an RSA-2048 pair costs a second of CPU or more. */
    static final RSAKey KEY = LocalAuthorizer.newKey();
    static final RSAKey EARLIER_RUNS_KEY = LocalAuthorizer.newKey();

    final LocalAuthorizer authorizer = new LocalAuthorizer("http://localhost:3000/local", KEY,
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aTokenItMintedIsAccepted() throws LocalAuthorizer.Rejected {
        assertThat(authorizer.verify("Bearer " + authorizer.mint(MANAGER)))
                .containsEntry("sub", "u1").containsEntry("company_id", "c1").containsEntry("role", "manager");
    }

    @Test
    void aMissingHeaderSaysToSendABearerToken() {
        assertThat(reason(null)).contains("Authorization header is missing").contains("Bearer").contains("POST /local/token");
    }

    @Test
    void somethingThatIsNotAJwtSaysSo() {
        assertThat(reason("Bearer not-a-jwt")).contains("not a JWT").contains("POST /local/token");
        assertThat(reason("Basic dXNlcjpwYXNz")).contains("Bearer");
    }

    @Test
    void aTokenFromAnEarlierRunSaysTokensDoNotOutliveTheRunnerAndHowToGetNewOnes() {
        String earlier = LocalAuthorizer.sign(EARLIER_RUNS_KEY,
                authorizer.claims(MANAGER, NOW, NOW.plus(Duration.ofHours(1))).build());

        assertThat(reason("Bearer " + earlier))
                .contains("earlier run").contains("POST /local/token").contains("--data-dir");
    }

    @Test
    void anExpiredTokenSaysWhenItExpired() {
        String expired = authorizer.sign(authorizer.claims(MANAGER, NOW.minus(Duration.ofHours(13)),
                NOW.minus(Duration.ofHours(1))).build());

        assertThat(reason("Bearer " + expired)).contains("expired at 2027-03-01T08:00:00Z").contains("POST /local/token");
    }

    @Test
    void aTokenOfAnotherIssuerOrAudienceNamesTheOneExpected() {
        String otherIssuer = authorizer.sign(authorizer.claims(MANAGER, NOW, NOW.plus(Duration.ofHours(1)))
                .issuer("http://localhost:4000/local").build());
        String otherAudience = authorizer.sign(authorizer.claims(MANAGER, NOW, NOW.plus(Duration.ofHours(1)))
                .audience("another-api").build());

        assertThat(reason("Bearer " + otherIssuer)).contains("http://localhost:4000/local")
                .contains("http://localhost:3000/local");
        assertThat(reason("Bearer " + otherAudience)).contains("another-api").contains(LocalAuthorizer.AUDIENCE);
    }

    @Test
    void noReasonCarriesTheJwtLibrarysWords() {
        String earlier = LocalAuthorizer.sign(EARLIER_RUNS_KEY,
                authorizer.claims(MANAGER, NOW, NOW.plus(Duration.ofHours(1))).build());
        String expired = authorizer.sign(authorizer.claims(MANAGER, NOW.minus(Duration.ofHours(2)),
                NOW.minus(Duration.ofHours(1))).build());
        String noExpiry = authorizer.sign(authorizer.claims(MANAGER, NOW, NOW).expirationTime(null).build());

        for (String header : new String[] {"Bearer a.b.c", "Bearer " + earlier, "Bearer " + expired, "Bearer " + noExpiry}) {
            assertThat(reason(header)).doesNotContain("JWT rejected").doesNotContain("JOSE").doesNotContain("nimbus")
                    .doesNotContain("Exception").doesNotContain("Invalid serialized");
        }
        assertThat(reason("Bearer " + noExpiry)).contains("exp");
    }

    private String reason(String authorization) {
        LocalAuthorizer.Rejected rejected = catchThrowableOfType(LocalAuthorizer.Rejected.class,
                () -> authorizer.verify(authorization));
        assertThat(rejected).as("refused: " + authorization).isNotNull();
        return rejected.getMessage();
    }
}

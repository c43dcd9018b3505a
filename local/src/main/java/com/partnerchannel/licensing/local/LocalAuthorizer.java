package com.partnerchannel.licensing.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.partnerchannel.licensing.http.Json;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What API Gateway's JWT authorizer does for the HTTP API, with a key pair made at start: checks the
 * RS256 signature, expiry, issuer and audience, and hands the claims on as strings. Locally the issuer
 * is {@code http://localhost:<port>/local} and the audience {@code licensing-local}, in place of the
 * template's {@code JwtIssuer} and {@code JwtAudience} parameters. Also mints tokens for
 * {@code POST /local/token} and the demo seed.
 */
public final class LocalAuthorizer {
    public static final String AUDIENCE = "licensing-local";
    public static final Duration TOKEN_LIFETIME = Duration.ofHours(12);

    /** The caller a token names: the claims the functions read. */
    public record Identity(String sub, String companyId, String role) {
    }

    /** A request the authorizer turns away, and why (API Gateway tells the caller only "Unauthorized"). */
    public static final class Rejected extends Exception {
        public Rejected(String reason) {
            super(reason);
        }
    }

    private final RSAKey key;
    private final String issuer;
    private final Clock clock;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    public LocalAuthorizer(String issuer) {
        this(issuer, newKey(), Clock.systemUTC());
    }

    public LocalAuthorizer(String issuer, RSAKey key, Clock clock) {
        this.issuer = issuer;
        this.key = key;
        this.clock = clock;
        processor.setJWSTypeVerifier((type, context) -> { });
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK()))));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(Set.of(AUDIENCE),
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("exp"), Set.of()) {
            @Override
            protected Date currentTime() {
                return Date.from(LocalAuthorizer.this.clock.instant());
            }
        };
        // Issuer and verifier share one clock: no skew to allow for.
        claims.setMaxClockSkew(0);
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** A fresh RS256 key pair; the tokens it signs die with the process. */
    public static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key pair", e);
        }
    }

    public String issuer() {
        return issuer;
    }

    public String audience() {
        return AUDIENCE;
    }

    /** The public key as a JWK set, as an identity provider publishes it. */
    public String jwks() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    /** A signed token and when it expires. */
    public record Token(String value, Instant expiresAt) {
    }

    /** A token for this identity, valid for {@link #TOKEN_LIFETIME}. */
    public String mint(Identity identity) {
        return issue(identity).value();
    }

    public Token issue(Identity identity) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plus(TOKEN_LIFETIME);
        return new Token(sign(claims(identity, now, expiresAt).build()), expiresAt);
    }

    /** The claims a token for this identity carries: theirs, and this authorizer's issuer and audience. */
    public JWTClaimsSet.Builder claims(Identity identity, Instant issuedAt, Instant expiresAt) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(AUDIENCE)
                .subject(identity.sub())
                .claim("company_id", identity.companyId())
                .claim("role", identity.role())
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString());
    }

    public String sign(JWTClaimsSet claims) {
        return sign(key, claims);
    }

    public static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    /**
     * The claims of the token in an {@code Authorization} header, as strings, the way the JWT
     * authorizer passes them to the function; {@link Rejected} when API Gateway would answer 401.
     */
    public Map<String, String> verify(String authorization) throws Rejected {
        if (authorization == null || authorization.isBlank()) {
            throw new Rejected("the Authorization header is missing");
        }
        String token = authorization.trim();
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) token = token.substring(7).trim();
        Map<String, Object> payload;
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            processor.process(jwt, null);
            // The claims as the token's JSON has them (a one-audience "aud" stays a string).
            payload = jwt.getPayload().toJSONObject();
        } catch (java.text.ParseException e) {
            throw new Rejected("the token is not a signed JWT: " + e.getMessage());
        } catch (com.nimbusds.jose.proc.BadJOSEException | JOSEException e) {
            throw new Rejected("the token was refused: " + e.getMessage());
        }
        Map<String, String> strings = new LinkedHashMap<>();
        payload.forEach((name, value) -> strings.put(name, text(value)));
        return strings;
    }

    /** API Gateway renders every claim as a string: dates in epoch seconds, lists as {@code [a b]}. */
    private static String text(Object value) {
        if (value instanceof String s) return s;
        if (value instanceof Date date) return String.valueOf(date.toInstant().getEpochSecond());
        if (value instanceof Collection<?> list) {
            return list.stream().map(LocalAuthorizer::text).collect(Collectors.joining(" ", "[", "]"));
        }
        if (value instanceof Map<?, ?> map) return Json.write(map);
        return String.valueOf(value);
    }
}

package com.partnerchannel.licensing.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.partnerchannel.licensing.http.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What API Gateway's JWT authorizer does for the HTTP API, with a key pair made at start (or kept in the
 * data directory): checks the RS256 signature, expiry, issuer and audience, and hands the claims on as
 * strings; a refusal says what the caller can fix, in its own words. Locally the issuer
 * is {@code http://localhost:<port>/local} and the audience {@code licensing-local}, in place of the
 * template's {@code JwtIssuer} and {@code JwtAudience} parameters. Also mints tokens for
 * {@code POST /local/token} and the demo seed.
 */
public final class LocalAuthorizer {
    public static final String AUDIENCE = "licensing-local";
    public static final Duration TOKEN_LIFETIME = Duration.ofHours(12);
    static final String KEY_FILE = "jwt-key.json";
    private static final String GET_ONE = "get one from POST /local/token";

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
    private final JWSVerifier verifier;
    private final String issuer;
    private final Clock clock;

    public LocalAuthorizer(String issuer) {
        this(issuer, newKey(), Clock.systemUTC());
    }

    public LocalAuthorizer(String issuer, RSAKey key, Clock clock) {
        this.issuer = issuer;
        this.key = key;
        this.clock = clock;
        try {
            this.verifier = new RSASSAVerifier(key.toRSAPublicKey());
        } catch (JOSEException e) {
            throw new IllegalArgumentException("not an RSA public key: " + key.getKeyID(), e);
        }
    }

    /**
     * The key pair kept in the data directory, made and kept there on the first start: tokens then
     * survive a restart with the same data directory (and port, which the issuer names).
     */
    public static RSAKey keptIn(Path dataDir) {
        Path file = dataDir.resolve(KEY_FILE);
        try {
            if (Files.isRegularFile(file)) return RSAKey.parse(Files.readString(file));
            RSAKey key = newKey();
            Files.createDirectories(dataDir);
            Files.writeString(file, key.toJSONString());
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the directory's own permissions apply.
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the token key in " + file, e);
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException(file + " does not hold an RSA key (" + e.getMessage()
                    + "); delete it, and a new key (with new tokens) is made at start");
        }
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
            throw new Rejected("the Authorization header is missing: send 'Authorization: Bearer <token>' with a token"
                    + " from POST /local/token");
        }
        String token = authorization.trim();
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) token = token.substring(7).trim();
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (java.text.ParseException e) {
            throw new Rejected("the bearer token is not a JWT: send 'Authorization: Bearer <token>' with a token"
                    + " from POST /local/token");
        }
        if (!signedHere(jwt)) {
            throw new Rejected("the token was not signed by this runner's key: tokens from an earlier run are not valid,"
                    + " unless it kept its key in the same --data-dir; " + GET_ONE + " (the runner prints some at start),"
                    + " and start with --data-dir DIR to keep the key there, so that tokens survive a restart with the data");
        }
        Instant now = clock.instant();
        Date expiresAt = claims.getExpirationTime();
        if (expiresAt == null) throw new Rejected("the token has no expiry (exp claim); " + GET_ONE);
        if (!now.isBefore(expiresAt.toInstant())) {
            throw new Rejected("the token expired at " + expiresAt.toInstant() + "; " + GET_ONE);
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && now.isBefore(notBefore.toInstant())) {
            throw new Rejected("the token is not valid before " + notBefore.toInstant() + " (nbf claim); " + GET_ONE);
        }
        if (!issuer.equals(claims.getIssuer())) {
            String named = claims.getIssuer() == null ? "no one (no iss claim)" : claims.getIssuer();
            throw new Rejected("the token was issued by " + named + ", not by this runner (" + issuer
                    + "); the issuer names the runner's port, so a token of a runner on another port is refused; " + GET_ONE);
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(AUDIENCE)) {
            throw new Rejected("the token is for the audience " + claims.getAudience() + ", not for this API (" + AUDIENCE
                    + "); " + GET_ONE);
        }
        // The claims as the token's JSON has them (a one-audience "aud" stays a string).
        Map<String, String> strings = new LinkedHashMap<>();
        jwt.getPayload().toJSONObject().forEach((name, value) -> strings.put(name, text(value)));
        return strings;
    }

    /** RS256 with this runner's key, as the authorizer's JWKS (this key only) allows. */
    private boolean signedHere(SignedJWT jwt) {
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) return false;
        try {
            return jwt.verify(verifier);
        } catch (JOSEException | IllegalStateException e) {
            return false;
        }
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

package com.partnerchannel.licensing.directory.model;

import com.partnerchannel.licensing.common.IdShape;
import com.partnerchannel.licensing.tenancy.model.CompanyId;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The text of a directory token: {@code pcldt_<companyId><tokenId><secret>}. The prefix lets secret
 * scanners recognise a leaked token; the two ids name the stored item, so checking a token is one
 * read in the company's own partition; the secret is 52 characters of Crockford base32 (260 bits)
 * from {@link SecureRandom}. Only its SHA-256 is stored, and it is compared in constant time.
 */
public final class TokenText {
    public static final String PREFIX = "pcldt_";
    static final int SECRET_LENGTH = 52;
    public static final int LENGTH = PREFIX.length() + 2 * IdShape.LENGTH + SECRET_LENGTH;
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CompanyId companyId;
    private final DirectoryTokenId tokenId;
    private final String text;

    private TokenText(CompanyId companyId, DirectoryTokenId tokenId, String text) {
        this.companyId = companyId;
        this.tokenId = tokenId;
        this.text = text;
    }

    public static TokenText issue(CompanyId companyId, DirectoryTokenId tokenId) {
        byte[] random = new byte[SECRET_LENGTH];
        RANDOM.nextBytes(random);
        StringBuilder text = new StringBuilder(LENGTH).append(PREFIX).append(companyId.value()).append(tokenId.value());
        for (byte b : random) text.append(ALPHABET[b & 31]);
        return new TokenText(companyId, tokenId, text.toString());
    }

    /** The token a request sent, if it has the shape of one; its secret is checked against the stored hash. */
    public static Optional<TokenText> parse(String text) {
        if (text == null || text.length() != LENGTH || !text.startsWith(PREFIX)) return Optional.empty();
        String companyId = text.substring(PREFIX.length(), PREFIX.length() + IdShape.LENGTH);
        String tokenId = text.substring(PREFIX.length() + IdShape.LENGTH, PREFIX.length() + 2 * IdShape.LENGTH);
        if (!IdShape.fits(companyId) || !IdShape.fits(tokenId)) return Optional.empty();
        for (int i = PREFIX.length() + 2 * IdShape.LENGTH; i < LENGTH; i++) {
            if (java.util.Arrays.binarySearch(ALPHABET, text.charAt(i)) < 0) return Optional.empty();
        }
        return Optional.of(new TokenText(new CompanyId(companyId), new DirectoryTokenId(tokenId), text));
    }

    public CompanyId companyId() {
        return companyId;
    }

    public DirectoryTokenId tokenId() {
        return tokenId;
    }

    /** The secret text itself: only for the one answer that shows it. */
    public String reveal() {
        return text;
    }

    public String hint() {
        return text.substring(LENGTH - 4);
    }

    public String hash() {
        return HexFormat.of().formatHex(sha256(text));
    }

    /** Whether this text is the one whose hash was stored, compared in constant time. */
    public boolean matches(String storedHash) {
        return MessageDigest.isEqual(hash().getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return PREFIX + companyId + tokenId + "…" + hint();
    }
}

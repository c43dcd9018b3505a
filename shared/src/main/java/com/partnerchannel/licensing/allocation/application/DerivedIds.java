package com.partnerchannel.licensing.allocation.application;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Ids derived from a request's idempotency key, so that a retried bulk request names the same learners
 * and the same reservation as its first attempt and can tell its own earlier work from others'.
 */
public final class DerivedIds {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private DerivedIds() {
    }

    public static String derived(String... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            byte[] hash = digest.digest();
            char[] out = new char[26];
            for (int i = 0; i < 26; i++) out[i] = ALPHABET[(hash[i] & 0xff) % 32];
            out[0] = 'K'; // never collides with time-based ULIDs of this century, which start with 0
            return new String(out);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

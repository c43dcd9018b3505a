package com.partnerchannel.licensing.common;

import java.security.SecureRandom;
import java.time.Clock;

/** ULIDs: 48 bits of milliseconds then 80 random bits, in Crockford base32. */
public final class Ulids implements Ids {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Ulids(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String next() {
        long time = clock.millis();
        byte[] entropy = new byte[10];
        random.nextBytes(entropy);
        char[] out = new char[26];
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        long high = 0;
        for (int i = 0; i < 5; i++) high = (high << 8) | (entropy[i] & 0xff);
        long low = 0;
        for (int i = 5; i < 10; i++) low = (low << 8) | (entropy[i] & 0xff);
        for (int i = 17; i >= 10; i--) {
            out[i] = ALPHABET[(int) (high & 31)];
            high >>>= 5;
        }
        for (int i = 25; i >= 18; i--) {
            out[i] = ALPHABET[(int) (low & 31)];
            low >>>= 5;
        }
        return new String(out);
    }
}

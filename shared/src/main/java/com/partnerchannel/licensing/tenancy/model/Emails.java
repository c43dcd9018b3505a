package com.partnerchannel.licensing.tenancy.model;

import java.util.regex.Pattern;

/**
 * What an email address may be: 7-bit, as SES sends to no other (it has no SMTPUTF8), so a look-alike
 * letter of another script, an invisible character or a line break is never part of an address. A
 * local part of RFC 5322 atoms joined by dots, at most 64 characters; a domain of letter-digit-hyphen
 * labels (an international domain in its xn-- form); spaces around it are dropped. Case is kept as
 * typed and ignored when addresses are compared ({@code Learner.normalise}). No Unicode normalisation
 * is applied: there is nothing left for NFC to change.
 */
public final class Emails {
    private static final String ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
    private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final String TOP_LEVEL = "[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])";
    private static final Pattern EMAIL = Pattern.compile(
            "(?=[^@]{1,64}@)" + ATOM + "(?:\\." + ATOM + ")*@(?:" + LABEL + "\\.)+" + TOP_LEVEL);
    public static final int MAX_LENGTH = 254;

    private Emails() {
    }

    public static boolean isEmail(String value) {
        if (value == null) return false;
        String address = withoutSurroundingSpaces(value);
        return address.length() <= MAX_LENGTH && EMAIL.matcher(address).matches();
    }

    /** Only spaces: {@code trim()} would also drop a NUL or a line break at either end and let it pass. */
    private static String withoutSurroundingSpaces(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && value.charAt(start) == ' ') start++;
        while (end > start && value.charAt(end - 1) == ' ') end--;
        return value.substring(start, end);
    }
}

package com.partnerchannel.licensing.tenancy.model;

import java.util.regex.Pattern;

public final class Emails {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s\"<>,;]+@[^@\\s\"<>,;]+\\.[^@\\s\"<>,;.]{2,}$");
    public static final int MAX_LENGTH = 254;

    private Emails() {
    }

    public static boolean isEmail(String value) {
        if (value == null) return false;
        String trimmed = value.trim();
        return trimmed.length() <= MAX_LENGTH && EMAIL.matcher(trimmed).matches();
    }
}

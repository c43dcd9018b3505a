package com.partnerchannel.licensing.renewal.application;

/**
 * Cell text as it may be shown back. A cell starting with {@code = + - @} (or a tab or carriage return)
 * would run as a formula when the list is pasted or exported into a spreadsheet, so it is prefixed with
 * an apostrophe (OWASP's advice for CSV injection). Long cells are cut.
 */
final class Cells {
    static final int MAX_SHOWN = 320;

    private Cells() {
    }

    static String safe(String cell) {
        if (cell == null) return "";
        String shown = cell.length() > MAX_SHOWN ? cell.substring(0, MAX_SHOWN) + "…" : cell;
        if (!shown.isEmpty() && "=+-@\t\r".indexOf(shown.charAt(0)) >= 0) return "'" + shown;
        return shown;
    }
}

package com.partnerchannel.licensing.common;

import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a text field may hold, in one place. One-line text (names, references) holds no character
 * that breaks a line or a mail header, or that shows as nothing or reorders what follows: no Unicode
 * control (Cc: C0, DEL, C1 with NEL), format (Cf: zero-width characters, soft hyphen, bidi marks and
 * overrides, byte-order mark), line or paragraph separator, private-use, unassigned or lone surrogate
 * character, and none of the fillers that render blank. Multi-line text (notes, reasons) holds the
 * same and line feeds.
 */
public final class Text {
    /** Letters of their scripts that render as blank space: Hangul fillers and the combining grapheme joiner. */
    private static final Set<Integer> BLANK_LETTERS = Set.of(0x034F, 0x115F, 0x1160, 0x3164, 0xFFA0);
    private static final Pattern CR_LF = Pattern.compile("\r\n");
    private static final Pattern ANY_LINE_END = Pattern.compile("\r\n|\r");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private Text() {
    }

    public static boolean isForbidden(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED -> true;
            default -> BLANK_LETTERS.contains(codePoint);
        };
    }

    /** Where {@code value} holds a character one-line text may not hold, or empty. */
    public static OptionalInt forbiddenInOneLine(String value) {
        return firstForbidden(value, false);
    }

    /** Where {@code value} holds a character multi-line text may not hold (after {@link #withLineFeeds}), or empty. */
    public static OptionalInt forbiddenInLines(String value) {
        return firstForbidden(value, true);
    }

    /** Windows' line ends (CR LF), which a text area submits, as line feeds. A lone CR stays, and is refused. */
    public static String withLineFeeds(String value) {
        return CR_LF.matcher(value).replaceAll("\n");
    }

    /** "U+202E RIGHT-TO-LEFT OVERRIDE at character 5", for telling the user which character was refused. */
    public static String describe(String value, int index) {
        int codePoint = value.codePointAt(index);
        String name = Character.getName(codePoint);
        return String.format(Locale.ROOT, "U+%04X%s at character %d", codePoint, name == null ? "" : " " + name,
                value.codePointCount(0, index) + 1);
    }

    /**
     * {@code value} made safe to show as one line, for text stored before it was checked: each forbidden
     * character and each run of white space becomes one space.
     */
    public static String oneLine(String value) {
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(c -> out.appendCodePoint(isForbidden(c) ? ' ' : c));
        return SPACES.matcher(out).replaceAll(" ").strip();
    }

    /** {@code value} made safe to show as lines: split at any line end (CR too), each line as {@link #oneLine}. */
    public static List<String> lines(String value) {
        return ANY_LINE_END.matcher(value).replaceAll("\n").strip().lines().map(Text::oneLine).toList();
    }

    private static OptionalInt firstForbidden(String value, boolean lineFeeds) {
        for (int i = 0; i < value.length(); i += Character.charCount(value.codePointAt(i))) {
            int c = value.codePointAt(i);
            if (isForbidden(c) && !(lineFeeds && c == '\n')) return OptionalInt.of(i);
        }
        return OptionalInt.empty();
    }
}

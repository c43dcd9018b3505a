package com.partnerchannel.licensing.scim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The filters identity providers send to find a user before creating it (RFC 7644 §3.4.2.2, the part
 * they use): {@code attribute eq "value"}, joined by {@code and}, on {@code userName}, {@code externalId},
 * {@code id} and the work email ({@code emails[type eq "work"].value}, or {@code emails.value}). Operators and
 * attribute names are case-insensitive, as SCIM says; anything else is a 400 {@code invalidFilter}.
 */
public record ScimFilter(List<Clause> clauses) {
    public enum Attribute { userName, externalId, id, email }

    public record Clause(Attribute attribute, String value) {
    }

    private static final String CORE = "urn:ietf:params:scim:schemas:core:2.0:user:";
    private static final Pattern WORK_EMAIL = Pattern.compile("emails\\[\\s*type\\s+eq\\s+\"work\"\\s*\\]\\.value",
            Pattern.CASE_INSENSITIVE);

    public static ScimFilter parse(String text) {
        if (text == null || text.isBlank()) return new ScimFilter(List.of());
        Parser parser = new Parser(text);
        List<Clause> clauses = new ArrayList<>();
        while (true) {
            String path = parser.attributePath();
            String operator = parser.word();
            if (!operator.equalsIgnoreCase("eq")) {
                throw ScimError.invalidFilter("only eq is supported (got '" + operator + "')");
            }
            clauses.add(new Clause(attribute(path), parser.string()));
            if (parser.atEnd()) break;
            String connector = parser.word();
            if (!connector.equalsIgnoreCase("and")) {
                throw ScimError.invalidFilter("only and joins filters (got '" + connector + "')");
            }
        }
        return new ScimFilter(List.copyOf(clauses));
    }

    private static Attribute attribute(String path) {
        String name = path.toLowerCase(Locale.ROOT).startsWith(CORE) ? path.substring(CORE.length()) : path;
        switch (name.toLowerCase(Locale.ROOT)) {
            case "username": return Attribute.userName;
            case "externalid": return Attribute.externalId;
            case "id": return Attribute.id;
            case "emails", "emails.value": return Attribute.email;
            default:
                if (WORK_EMAIL.matcher(name).matches()) return Attribute.email;
                throw ScimError.invalidFilter("cannot filter on " + path
                        + "; filter on userName, externalId, id or emails[type eq \"work\"].value");
        }
    }

    private static final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        boolean atEnd() {
            skipSpaces();
            return at >= text.length();
        }

        String attributePath() {
            skipSpaces();
            int start = at;
            int depth = 0;
            boolean quoted = false;
            while (at < text.length()) {
                char c = text.charAt(at);
                if (quoted) {
                    if (c == '\\') at++;
                    else if (c == '"') quoted = false;
                } else if (c == '"') {
                    if (depth == 0) break;
                    quoted = true;
                } else if (c == '[') {
                    depth++;
                } else if (c == ']') {
                    depth--;
                } else if (Character.isWhitespace(c) && depth == 0) {
                    break;
                }
                at++;
            }
            if (at == start || depth != 0 || quoted) throw ScimError.invalidFilter("expected an attribute at " + start);
            return text.substring(start, at);
        }

        String word() {
            skipSpaces();
            int start = at;
            while (at < text.length() && Character.isLetter(text.charAt(at))) at++;
            if (at == start) throw ScimError.invalidFilter("expected an operator at " + start);
            return text.substring(start, at);
        }

        /** A JSON string literal (the value of {@code eq}). */
        String string() {
            skipSpaces();
            if (at >= text.length() || text.charAt(at) != '"') {
                throw ScimError.invalidFilter("expected a quoted value at " + at);
            }
            StringBuilder value = new StringBuilder();
            at++;
            while (at < text.length()) {
                char c = text.charAt(at++);
                if (c == '"') return value.toString();
                if (c != '\\') {
                    value.append(c);
                    continue;
                }
                if (at >= text.length()) break;
                char escaped = text.charAt(at++);
                switch (escaped) {
                    case '"', '\\', '/' -> value.append(escaped);
                    case 'b' -> value.append('\b');
                    case 'f' -> value.append('\f');
                    case 'n' -> value.append('\n');
                    case 'r' -> value.append('\r');
                    case 't' -> value.append('\t');
                    case 'u' -> {
                        if (at + 4 > text.length()) throw ScimError.invalidFilter("a \\u escape needs 4 hex digits");
                        try {
                            value.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        } catch (NumberFormatException e) {
                            throw ScimError.invalidFilter("a \\u escape needs 4 hex digits");
                        }
                        at += 4;
                    }
                    default -> throw ScimError.invalidFilter("unknown escape \\" + escaped);
                }
            }
            throw ScimError.invalidFilter("a quoted value is not closed");
        }

        private void skipSpaces() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) at++;
        }
    }
}

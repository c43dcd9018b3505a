package com.partnerchannel.licensing.scim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code attributes} and {@code excludedAttributes} (RFC 7644 §3.4.2.5) on a rendered resource: top-level
 * names and one level of sub-attributes ({@code name.givenName}), with or without their schema's URN, any
 * case. {@code id} and {@code schemas} are always returned.
 */
public final class ScimAttributes {
    private static final Set<String> ALWAYS = Set.of("id", "schemas");

    private ScimAttributes() {
    }

    public static Map<String, Object> project(Map<String, Object> resource, String attributes, String excluded) {
        List<String[]> wanted = paths(attributes);
        List<String[]> unwanted = paths(excluded);
        if (wanted.isEmpty() && unwanted.isEmpty()) return resource;
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : resource.entrySet()) {
            String key = entry.getKey();
            String lower = key.toLowerCase(Locale.ROOT);
            if (ALWAYS.contains(key)) {
                out.put(key, entry.getValue());
                continue;
            }
            Object value = entry.getValue();
            if (!wanted.isEmpty()) {
                boolean whole = wanted.stream().anyMatch(p -> p[0].equals(lower) && p[1] == null);
                Set<String> subs = subs(wanted, lower);
                if (!whole && subs.isEmpty()) continue;
                if (!whole && value instanceof Map<?, ?> map) value = keep(map, subs, true);
            }
            if (unwanted.stream().anyMatch(p -> p[0].equals(lower) && p[1] == null)) continue;
            Set<String> dropped = subs(unwanted, lower);
            if (!dropped.isEmpty() && value instanceof Map<?, ?> map) value = keep(map, dropped, false);
            out.put(key, value);
        }
        return out;
    }

    private static Set<String> subs(List<String[]> paths, String top) {
        Set<String> subs = new TreeSet<>();
        for (String[] path : paths) if (path[0].equals(top) && path[1] != null) subs.add(path[1]);
        return subs;
    }

    private static Map<String, Object> keep(Map<?, ?> map, Set<String> names, boolean only) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((name, value) -> {
            if (names.contains(String.valueOf(name).toLowerCase(Locale.ROOT)) == only) out.put(String.valueOf(name), value);
        });
        return out;
    }

    /** Each requested path as {top-level name, sub-attribute or null}, lower-case. */
    private static List<String[]> paths(String list) {
        if (list == null || list.isBlank()) return List.of();
        String core = ScimSchemas.USER.toLowerCase(Locale.ROOT) + ":";
        String licence = ScimSchemas.LICENCE.toLowerCase(Locale.ROOT);
        return java.util.Arrays.stream(list.split(",")).map(String::strip).filter(p -> !p.isEmpty())
                .map(p -> p.toLowerCase(Locale.ROOT)).map(p -> {
                    if (p.startsWith(licence)) {
                        String rest = p.substring(licence.length());
                        return new String[] {licence, rest.startsWith(":") ? rest.substring(1) : null};
                    }
                    String path = p.startsWith(core) ? p.substring(core.length()) : p;
                    int dot = path.indexOf('.');
                    return dot < 0 ? new String[] {path, null} : new String[] {path.substring(0, dot), path.substring(dot + 1)};
                }).toList();
    }
}

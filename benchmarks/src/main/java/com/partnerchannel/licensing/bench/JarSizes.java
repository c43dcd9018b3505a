package com.partnerchannel.licensing.bench;

import com.partnerchannel.licensing.testing.SamTemplate;
import com.partnerchannel.licensing.testing.TemplateTable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The size of each function's shaded jar, and what fills it: entries grouped by package (the SDK and
 * Jackson by module, since they dominate). Prints Markdown tables for docs/benchmarks.md.
 *
 * <p>Usage: {@code JarSizes [jar…]}; without arguments, every {@code CodeUri} jar of template.yaml.
 */
public final class JarSizes {
    /** Package prefixes that are split one level further, so that a group is about one module. */
    private static final List<String> SPLIT_DEEPER = List.of(
            "software/amazon/awssdk/services/", "software/amazon/awssdk/thirdparty/", "software/amazon/awssdk/",
            "com/fasterxml/jackson/", "com/amazonaws/services/lambda/runtime/");
    private static final int GROUPS_SHOWN = 14;

    private JarSizes() {
    }

    record Group(String name, int files, long bytes, long compressed) {
        Group plus(ZipEntry entry) {
            return new Group(name, files + 1, bytes + entry.getSize(), compressed + entry.getCompressedSize());
        }
    }

    public static void main(String[] args) throws IOException {
        Path root = TemplateTable.templatePath().getParent();
        List<Path> jars = new ArrayList<>();
        if (args.length > 0) {
            for (String arg : args) jars.add(Path.of(arg));
        } else {
            for (SamTemplate.Function function : SamTemplate.load().functions()) {
                // Once each: functions share a jar (the outbox redrive and watch ship in event-publisher's).
                Path jar = root.resolve(function.codeUri());
                if (!jars.contains(jar)) jars.add(jar);
            }
        }
        System.out.println("| jar | bytes | MB (10^6 bytes) | entries |");
        System.out.println("|---|---:|---:|---:|");
        for (Path jar : jars) {
            if (!Files.isRegularFile(jar)) throw new IllegalStateException(jar + " is missing: build with mvn package first");
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                long bytes = Files.size(jar);
                System.out.printf(Locale.ROOT, "| %s | %,d | %.2f | %,d |%n", root.relativize(jar.toAbsolutePath()),
                        bytes, bytes / 1e6, zip.size());
            }
        }
        Path first = jars.get(0);
        Map<String, Group> firstGroups = groups(first);
        System.out.println();
        System.out.println("What fills " + first.getFileName() + " (top " + GROUPS_SHOWN + " groups by compressed size):");
        System.out.println();
        printGroups(firstGroups);
        // The jars share everything but their handler, so only the differences are worth printing.
        for (Path jar : jars.subList(1, jars.size())) {
            List<String> differences = new ArrayList<>();
            Map<String, Group> groups = groups(jar);
            for (String name : union(firstGroups.keySet(), groups.keySet())) {
                long a = firstGroups.containsKey(name) ? firstGroups.get(name).compressed() : 0;
                long b = groups.containsKey(name) ? groups.get(name).compressed() : 0;
                if (a != b) differences.add(String.format(Locale.ROOT, "%s %+,d bytes", name, b - a));
            }
            System.out.println();
            System.out.println(jar.getFileName() + " against " + first.getFileName() + " (compressed): "
                    + (differences.isEmpty() ? "no difference" : String.join("; ", differences)));
        }
    }

    private static List<String> union(Set<String> a, Set<String> b) {
        LinkedHashSet<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return new ArrayList<>(all);
    }

    static Map<String, Group> groups(Path jar) throws IOException {
        Map<String, Group> groups = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory()) continue;
                String name = group(entry.getName());
                groups.merge(name, new Group(name, 1, entry.getSize(), entry.getCompressedSize()),
                        (a, b) -> a.plus(entry));
            }
        }
        return groups;
    }

    static void printGroups(Map<String, Group> groups) {
        long total = groups.values().stream().mapToLong(Group::compressed).sum();
        List<Group> sorted = new ArrayList<>(groups.values());
        sorted.sort(Comparator.comparingLong(Group::compressed).reversed());
        System.out.println("| package group | files | uncompressed bytes | compressed bytes | share |");
        System.out.println("|---|---:|---:|---:|---:|");
        Group rest = new Group("everything else", 0, 0, 0);
        for (int i = 0; i < sorted.size(); i++) {
            Group g = sorted.get(i);
            if (i < GROUPS_SHOWN) {
                System.out.printf(Locale.ROOT, "| %s | %,d | %,d | %,d | %.1f %% |%n", g.name(), g.files(), g.bytes(),
                        g.compressed(), 100.0 * g.compressed() / total);
            } else {
                rest = new Group(rest.name(), rest.files() + g.files(), rest.bytes() + g.bytes(),
                        rest.compressed() + g.compressed());
            }
        }
        if (rest.files() > 0) {
            System.out.printf(Locale.ROOT, "| %s | %,d | %,d | %,d | %.1f %% |%n", rest.name(), rest.files(),
                    rest.bytes(), rest.compressed(), 100.0 * rest.compressed() / total);
        }
    }

    /** {@code software/amazon/awssdk/services/dynamodb/model/X.class} → {@code software.amazon.awssdk.services.dynamodb}. */
    static String group(String entry) {
        if (entry.startsWith("META-INF/")) return "META-INF (Maven metadata, service files, licences)";
        if (entry.startsWith("com/partnerchannel/")) return "com.partnerchannel.licensing (this project)";
        for (String prefix : SPLIT_DEEPER) {
            if (entry.startsWith(prefix)) {
                int end = entry.indexOf('/', prefix.length());
                return end < 0 ? prefix.replace('/', '.') + "*" : entry.substring(0, end).replace('/', '.');
            }
        }
        String[] parts = entry.split("/");
        if (parts.length == 1) return entry + " (jar root)";
        return String.join(".", Arrays.copyOf(parts, Math.min(3, parts.length - 1)));
    }
}

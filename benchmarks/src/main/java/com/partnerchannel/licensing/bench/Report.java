package com.partnerchannel.licensing.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** What the benchmark mains print their figures with: Markdown tables, numbers, the host's load; and a free port. */
final class Report {
    private Report() {
    }

    /** A table's header and rule: {@code | figure | <one column per item> |}, the columns right-aligned. */
    static <T> void header(String first, List<T> columns, Function<T, String> label) {
        StringBuilder header = new StringBuilder("| ").append(first).append(" |");
        StringBuilder rule = new StringBuilder("|---|");
        for (T column : columns) {
            header.append(' ').append(label.apply(column)).append(" |");
            rule.append("---:|");
        }
        System.out.println(header);
        System.out.println(rule);
    }

    /** One row of such a table: its name, then one value per column. */
    static <T> void row(List<T> columns, String name, Function<T, String> value) {
        StringBuilder line = new StringBuilder("| ").append(name).append(" |");
        for (T column : columns) line.append(' ').append(value.apply(column)).append(" |");
        System.out.println(line);
    }

    /** How many transactions had each size, largest first: {@code 32 (×2,983), 12 (×1)}. */
    static String sizes(RequestCounter.Operation op) {
        if (op.sizes.isEmpty()) return "–";
        StringBuilder text = new StringBuilder();
        op.sizes.descendingMap().forEach((size, count) -> {
            if (text.length() > 0) text.append(", ");
            text.append(size).append(" (×").append(String.format(Locale.ROOT, "%,d", count)).append(')');
        });
        return text.toString();
    }

    /** The 1, 5 and 15 minute load averages, as /proc/loadavg has them. */
    static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    static String f0(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    static String f1(double value) {
        return String.format(Locale.ROOT, "%,.1f", value);
    }

    static String f2(double value) {
        return String.format(Locale.ROOT, "%,.2f", value);
    }

    static String f3(double value) {
        return String.format(Locale.ROOT, "%,.3f", value);
    }

    /** A loopback port free now, for a server that wants its port up front (DynamoDB Local). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for DynamoDB Local", e);
        }
    }
}

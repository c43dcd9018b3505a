package com.partnerchannel.licensing.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Embedded Metric Format lines written to standard output while it is open (standard output still
 * gets them too), read back as CloudWatch would: namespace, dimensions, and each metric's value and unit.
 */
public final class CapturedMetrics implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PrintStream original = System.out;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private CapturedMetrics() {
        System.setOut(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                synchronized (bytes) {
                    bytes.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                synchronized (bytes) {
                    bytes.write(b, off, len);
                }
            }
        }, true, StandardCharsets.UTF_8));
    }

    public static CapturedMetrics start() {
        return new CapturedMetrics();
    }

    /** One EMF line: its namespace, its dimension sets, its metrics (name to value) and their units. */
    public record Line(String namespace, JsonNode dimensions, Map<String, Double> values, Map<String, String> units) {
    }

    /** Every line of standard output that is an EMF document, in order. */
    public List<Line> lines() {
        String all;
        synchronized (bytes) {
            all = bytes.toString(StandardCharsets.UTF_8);
        }
        List<Line> lines = new ArrayList<>();
        for (String text : all.split("\n")) {
            if (!text.startsWith("{\"_aws\"")) continue;
            try {
                JsonNode json = JSON.readTree(text);
                JsonNode directive = json.path("_aws").path("CloudWatchMetrics").get(0);
                Map<String, Double> values = new LinkedHashMap<>();
                Map<String, String> units = new LinkedHashMap<>();
                for (JsonNode metric : directive.path("Metrics")) {
                    String name = metric.path("Name").asText();
                    values.put(name, json.path(name).asDouble());
                    units.put(name, metric.path("Unit").asText());
                }
                lines.add(new Line(directive.path("Namespace").asText(), directive.path("Dimensions"), values, units));
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + text, e);
            }
        }
        return lines;
    }

    @Override
    public void close() {
        System.out.flush();
        System.setOut(original);
    }
}

package com.partnerchannel.licensing.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerchannel.licensing.observability.JsonLogs;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The log lines written while it is open, exactly as the functions write them (the same JSON encoder,
 * beside the console), for a test to read. Close it to stop capturing.
 */
public final class CapturedLogs implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    private final Logger root;

    private CapturedLogs() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        appender.setContext(context);
        appender.setName("captured-" + System.identityHashCode(this));
        appender.setEncoder(JsonLogs.encoder(context));
        appender.setOutputStream(bytes);
        appender.start();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
    }

    public static CapturedLogs start() {
        return new CapturedLogs();
    }

    /** Every line so far, as written. */
    public synchronized List<String> text() {
        String all;
        synchronized (bytes) {
            all = bytes.toString(StandardCharsets.UTF_8);
        }
        return all.isEmpty() ? List.of() : List.of(all.split("\n"));
    }

    /** Every line so far, parsed: each must be one JSON object. */
    public List<JsonNode> lines() {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text()) {
            try {
                JsonNode json = JSON.readTree(line);
                if (json == null || !json.isObject()) throw new AssertionError("not a JSON object: " + line);
                lines.add(json);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + line, e);
            }
        }
        return lines;
    }

    /** Forgets what was captured so far. */
    public void clear() {
        synchronized (bytes) {
            bytes.reset();
        }
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}

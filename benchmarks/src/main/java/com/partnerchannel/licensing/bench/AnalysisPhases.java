package com.partnerchannel.licensing.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the analysis' wall time goes, by phase: a daemon thread samples the stack of the thread running the handler
 * every few milliseconds and charges the time since the previous sample to the phase that stack is in (the frames of
 * the use case, its adapters and the CSV parser name it). It reads the handler thread only: the users' pages read on
 * other threads count as the time the handler thread waits for them. Nothing in the code measured changes, so it
 * measures another build's analysis the same way, as long as that build's classes and methods have the same names
 * (the original analysis, with its look-ups by key, has its own phase: {@code users' reads}, too).
 */
final class AnalysisPhases {
    /** The phases, in the order the analysis runs them. */
    static final List<String> ORDER = List.of("reads before (the import, HeadObject, the company)",
            "S3 GetObject to /tmp", "first pass (the file's shape)", "CSV parse (second pass)",
            "email check and normalisation", "dedupe and rows not renewed", "users' reads (waiting for pages or keys)",
            "matching the users to rows", "sorting the rows", "rows to JSON", "S3 PutObject of the rows",
            "result and preview rows", "PutItem of the import (marshalling and call)", "other");

    private final Thread target;
    private final long intervalNanos;
    private final Map<String, Long> nanos = new LinkedHashMap<>();
    private volatile boolean running;
    private Thread sampler;
    private long samples;

    AnalysisPhases(Thread target, long intervalMillis) {
        this.target = target;
        this.intervalNanos = intervalMillis * 1_000_000;
        ORDER.forEach(phase -> nanos.put(phase, 0L));
    }

    void start() {
        running = true;
        sampler = new Thread(() -> {
            long last = System.nanoTime();
            while (running) {
                StackTraceElement[] stack = target.getStackTrace();
                long now = System.nanoTime();
                String phase = phase(stack);
                synchronized (this) {
                    nanos.merge(phase, now - last, Long::sum);
                    samples++;
                }
                last = now;
                long sleep = intervalNanos - (System.nanoTime() - now);
                if (sleep > 0) {
                    try {
                        Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "analysis-phases");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Milliseconds per phase, in {@link #ORDER}; and the samples taken. */
    synchronized Map<String, Long> stop() {
        running = false;
        sampler.interrupt();
        try {
            sampler.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<String, Long> millis = new LinkedHashMap<>();
        nanos.forEach((phase, n) -> millis.put(phase, n / 1_000_000));
        return millis;
    }

    synchronized long samples() {
        return samples;
    }

    /** The phase a stack of the handler thread is in (index 0: the innermost frame). */
    static String phase(StackTraceElement[] stack) {
        if (has(stack, "DynamoRenewalImports", "save")) return "PutItem of the import (marshalling and call)";
        if (has(stack, "S3Uploads", "bytes")) return "rows to JSON";
        if (has(stack, "S3Uploads", "saveRows")) return "S3 PutObject of the rows";
        if (has(stack, "S3Uploads", "copy")) return "S3 GetObject to /tmp";
        if (has(stack, "FileAnalysis", "shape")) return "first pass (the file's shape)";
        if (has(stack, "AnalysingRenewalImport", "lookUp")) {
            // The original analysis looked up from within the parse: the look-up is its own phase all the same.
            String inner = innermostApp(stack);
            boolean matching = has(stack, "AnalysingRenewalImport", "lambda$lookUp")
                    || inner.startsWith("AnalysingRenewalImport.lookUp") || inner.startsWith("Row.")
                    || inner.startsWith("Learner.") || inner.startsWith("UserSegments.handOver");
            if (has(stack, "DynamoLearners", "existingEmails") || has(stack, "DynamoLearners", "getAll")) matching = false;
            return matching ? "matching the users to rows" : "users' reads (waiting for pages or keys)";
        }
        if (has(stack, "AnalysingRenewalImport", "classify")) {
            String inner = innermostApp(stack);
            if (inner.startsWith("CsvFile.") && !inner.startsWith("CsvFile$Record")) return "CSV parse (second pass)";
            if (inner.startsWith("Emails.") || inner.startsWith("Learner.normalise") || inner.startsWith("Cells.")) {
                return "email check and normalisation";
            }
            if (inner.startsWith("CsvFile$Record")) return "CSV parse (second pass)";
            return "dedupe and rows not renewed";
        }
        if (has(stack, "AnalysingRenewalImport", "analyse")) {
            for (StackTraceElement frame : stack) {
                if (frame.getClassName().endsWith(".AnalysingRenewalImport")) break;
                if (frame.getMethodName().equals("sort")) return "sorting the rows";
            }
            return "result and preview rows";
        }
        if (has(stack, "AnalysingRenewalImport", "uploaded")) return "reads before (the import, HeadObject, the company)";
        return "other";
    }

    private static boolean has(StackTraceElement[] stack, String simpleClass, String method) {
        for (StackTraceElement frame : stack) {
            String name = frame.getClassName();
            if ((name.endsWith("." + simpleClass) || name.endsWith("$" + simpleClass)) && frame.getMethodName().startsWith(method)) {
                return true;
            }
        }
        return false;
    }

    /** The innermost frame of the project's own code, as {@code SimpleClass.method} ({@code Outer$Inner.method} for a nested class). */
    private static String innermostApp(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            String name = frame.getClassName();
            if (name.startsWith("com.partnerchannel.")) {
                return name.substring(name.lastIndexOf('.') + 1) + "." + frame.getMethodName();
            }
        }
        return "";
    }
}

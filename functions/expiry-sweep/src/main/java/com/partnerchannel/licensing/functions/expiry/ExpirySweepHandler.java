package com.partnerchannel.licensing.functions.expiry;

import com.partnerchannel.licensing.observability.Latency;
import com.partnerchannel.licensing.observability.Metrics;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.partnerchannel.licensing.config.Expiries;
import com.partnerchannel.licensing.expiry.application.Sweep;
import com.partnerchannel.licensing.expiry.application.SweepingExpiries;
import com.partnerchannel.licensing.observability.Invocation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The nightly schedule's target. The scheduled event carries nothing the sweep needs (the time comes
 * from the clock), so it is read as a plain map. A sweep that could not finish every expiry fails the
 * invocation, so the schedule's retry policy runs it again; what it did finish is not done twice.
 */
public final class ExpirySweepHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final SweepingExpiries sweeping;

    public ExpirySweepHandler() {
        this(Expiries.fromEnvironment());
    }

    public ExpirySweepHandler(SweepingExpiries sweeping) {
        this.sweeping = sweeping;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> scheduledEvent, Context context) {
        return Invocation.ofAwsEvent(context, scheduledEvent).run(this::sweep);
    }

    private Map<String, Object> sweep(Invocation invocation) {
        Latency took = Latency.start();
        Sweep sweep = sweeping.sweep();
        Metrics.milliseconds(Metrics.SWEEP_DURATION, took.millis());
        Metrics.count(Metrics.SWEEP_ITEMS, sweep.entriesRead());
        Metrics.count(Metrics.NOTICES_SENT, sweep.reminders() + sweep.expiryNotices());
        Metrics.count(Metrics.NOTICES_SKIPPED, sweep.skipped());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("at", sweep.at().toString());
        summary.put("from", sweep.from().toString());
        summary.put("to", sweep.to().toString());
        summary.put("entriesRead", sweep.entriesRead());
        summary.put("reminders", sweep.reminders());
        summary.put("expiryNotices", sweep.expiryNotices());
        summary.put("skipped", sweep.skipped());
        summary.put("alreadyRecorded", sweep.alreadyRecorded());
        summary.put("recordedExpired", sweep.recordedExpired());
        summary.put("failures", sweep.failures());
        summary.forEach(invocation::closing);
        if (!sweep.failures().isEmpty()) {
            throw new IllegalStateException(sweep.failures().size() + " expiries not finished: " + sweep.failures());
        }
        // Only a sweep that finished everything: the alarm on its absence catches one that failed or never ran.
        Metrics.count(Metrics.SWEEP_COMPLETED, 1);
        return summary;
    }
}

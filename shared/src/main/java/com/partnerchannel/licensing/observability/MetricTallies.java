package com.partnerchannel.licensing.observability;

import com.partnerchannel.licensing.common.Tallies;

/** The domain's tallies as CloudWatch metrics of the invocation running on this thread ({@link Metrics}). */
public final class MetricTallies implements Tallies {
    @Override
    public void seatsAllocated(long seats) {
        Metrics.count(Metrics.SEATS_ALLOCATED, seats);
    }

    @Override
    public void importRowsAnalysed(long rows) {
        Metrics.count(Metrics.IMPORT_ROWS_ANALYSED, rows);
    }

    @Override
    public void importRowsRenewed(long rows) {
        Metrics.count(Metrics.IMPORT_ROWS_RENEWED, rows);
    }
}

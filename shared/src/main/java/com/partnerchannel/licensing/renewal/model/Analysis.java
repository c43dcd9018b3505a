package com.partnerchannel.licensing.renewal.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the analysis of one upload with one email column found. The item keeps the counts and the
 * first rows of each list; every row is kept with the results ({@code resultsKey}).
 */
public record Analysis(
        String analysisId,
        Upload upload,
        List<String> columns,
        String emailColumn,
        int dataRows,
        int toRenew,
        Map<NotRenewedReason, Integer> notRenewed,
        List<Row> toRenewPreview,
        List<Row> notRenewedPreview,
        String resultsKey,
        Instant analysedAt) {

    public static final int PREVIEW_ROWS = 200;

    public int notRenewedTotal() {
        return notRenewed.values().stream().mapToInt(Integer::intValue).sum();
    }
}

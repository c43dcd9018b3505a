package com.partnerchannel.licensing.common;

/**
 * What the business did, counted for the people who watch it (CloudWatch metrics in production, by
 * observability.MetricTallies): never read back, never a rule. The use cases say what happened where it
 * happens; how it is counted is the adapter's, so the domain knows nothing of metrics.
 */
public interface Tallies {
    /** Seats taken by learners who were unlicensed, as an assignment brought new seats. */
    void seatsAllocated(long seats);

    /** The data rows of a renewal file just analysed. */
    void importRowsAnalysed(long rows);

    /** The learners a renewal import's confirm renewed. */
    void importRowsRenewed(long rows);
}

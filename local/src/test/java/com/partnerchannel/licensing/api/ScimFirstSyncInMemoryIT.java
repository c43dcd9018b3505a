package com.partnerchannel.licensing.api;

import org.junit.jupiter.api.Test;

/**
 * {@link FirstSync} at full size (5,000 users for 3,000 seats, 500 of them sent twice, 16 in flight) with the
 * handlers over the in-memory adapters, whose writes check all of their conditions and make all of their changes
 * under one lock, as a DynamoDB transaction does (the port contract tests hold them to the DynamoDB adapters).
 * {@code ScimFirstSyncIT} runs a smaller race on DynamoDB Local, where each POST costs tens of milliseconds of its
 * one SQLite thread. No network, but 5,500 requests held to docs/openapi.yaml cost seconds of CPU: too much for
 * {@code mvn test}'s budget, so it runs under {@code verify}.
 */
class ScimFirstSyncInMemoryIT {

    @Test
    void fiveThousandUsersProvisionedConcurrentlyEndWithExactSeatsAndCountsAndNoneTwice() throws Exception {
        Tenants tenants = Tenants.inMemory();
        String figures = new FirstSync(5_000, 3_000, 500, 16).run(tenants, () -> Seats.assertLedgerBalances(tenants.memory));
        System.out.println("ScimFirstSyncInMemoryIT: " + figures);
    }
}

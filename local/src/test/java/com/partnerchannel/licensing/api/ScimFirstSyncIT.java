package com.partnerchannel.licensing.api;

import org.junit.jupiter.api.Test;

/**
 * {@link FirstSync} on DynamoDB Local: 400 users for 240 seats, 40 of them sent twice, 16 in flight, so
 * DynamoDB Local's transactions, conditions and lock waits decide the race. Seats, counts and the table's seat
 * ledger end exact and no user is created twice. The full-size sync (5,000 users) is {@code ScimFirstSyncInMemoryIT}'s,
 * over the in-memory adapters.
 */
class ScimFirstSyncIT {

    @Test
    void fourHundredUsersProvisionedConcurrentlyEndWithExactSeatsAndCountsAndNoneTwice() throws Exception {
        Tenants tenants = new Tenants();
        String figures = new FirstSync(400, 240, 40, 16).run(tenants, () -> Seats.assertLedgerBalances(tenants.table));
        System.out.println("ScimFirstSyncIT: " + figures);
    }
}

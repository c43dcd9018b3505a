package com.partnerchannel.licensing.memory;

import com.partnerchannel.licensing.config.Ports;

import java.time.Clock;

/** Every port over one fresh {@link InMemoryTable}, for the fast tests: no network, no DynamoDB Local. */
public final class InMemoryPorts {
    private InMemoryPorts() {
    }

    public static Ports over(InMemoryTable table, Clock clock) {
        return new Ports(new InMemoryTransactions(table, clock), new InMemoryCompanies(table), new InMemoryOrders(table),
                new InMemoryLearners(table), new InMemoryLicencePools(table), new InMemoryReservations(table),
                new InMemoryExpiringLicences(table), new InMemoryNoticeLedger(table), new InMemoryRenewalImports(table),
                new InMemorySentEmails(table), new InMemoryDirectoryTokens(table),
                new InMemoryOutbox(table), new InMemoryUndeliverableAddresses(table));
    }
}

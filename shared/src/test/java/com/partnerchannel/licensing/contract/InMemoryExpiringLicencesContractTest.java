package com.partnerchannel.licensing.contract;

import com.partnerchannel.licensing.config.Ports;

import java.time.Clock;

/** The ExpiringLicences contract on the in-memory adapter (fast tier). */
class InMemoryExpiringLicencesContractTest extends ExpiringLicencesContract {
    @Override
    protected Ports freshPorts(Clock clock) {
        return inMemory(clock);
    }
}

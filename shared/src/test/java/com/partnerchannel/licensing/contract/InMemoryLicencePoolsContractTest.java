package com.partnerchannel.licensing.contract;

import com.partnerchannel.licensing.config.Ports;

import java.time.Clock;

/** The LicencePools contract on the in-memory adapter (fast tier). */
class InMemoryLicencePoolsContractTest extends LicencePoolsContract {
    @Override
    protected Ports freshPorts(Clock clock) {
        return inMemory(clock);
    }
}

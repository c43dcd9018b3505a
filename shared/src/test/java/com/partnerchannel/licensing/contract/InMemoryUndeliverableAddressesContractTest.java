package com.partnerchannel.licensing.contract;

import com.partnerchannel.licensing.config.Ports;

import java.time.Clock;

/** The UndeliverableAddresses contract on the in-memory adapter (fast tier). */
class InMemoryUndeliverableAddressesContractTest extends UndeliverableAddressesContract {
    @Override
    protected Ports freshPorts(Clock clock) {
        return inMemory(clock);
    }
}

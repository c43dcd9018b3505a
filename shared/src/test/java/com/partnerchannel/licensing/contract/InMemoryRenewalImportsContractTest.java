package com.partnerchannel.licensing.contract;

import com.partnerchannel.licensing.config.Ports;

import java.time.Clock;

/** The RenewalImports contract on the in-memory adapter (fast tier). */
class InMemoryRenewalImportsContractTest extends RenewalImportsContract {
    @Override
    protected Ports freshPorts(Clock clock) {
        return inMemory(clock);
    }
}

package com.partnerchannel.licensing.contract;

import com.partnerchannel.licensing.config.Ports;

import java.time.Clock;

/** The Companies contract on the in-memory adapter (fast tier). */
class InMemoryCompaniesContractTest extends CompaniesContract {
    @Override
    protected Ports freshPorts(Clock clock) {
        return inMemory(clock);
    }
}

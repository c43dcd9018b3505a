package com.partnerchannel.licensing.contract;

import com.partnerchannel.licensing.config.Ports;

import java.time.Clock;

/** The Orders contract on the in-memory adapter (fast tier). */
class InMemoryOrdersContractTest extends OrdersContract {
    @Override
    protected Ports freshPorts(Clock clock) {
        return inMemory(clock);
    }
}

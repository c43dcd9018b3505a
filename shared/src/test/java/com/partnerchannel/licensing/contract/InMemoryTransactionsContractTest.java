package com.partnerchannel.licensing.contract;

import com.partnerchannel.licensing.config.Ports;

import java.time.Clock;

/** The Transactions contract on the in-memory adapter (fast tier). */
class InMemoryTransactionsContractTest extends TransactionsContract {
    @Override
    protected Ports freshPorts(Clock clock) {
        return inMemory(clock);
    }
}

package com.partnerchannel.licensing.contract;

import com.partnerchannel.licensing.config.Ports;

import java.time.Clock;

/** The NoticeLedger contract on the in-memory adapter (fast tier). */
class InMemoryNoticeLedgerContractTest extends NoticeLedgerContract {
    @Override
    protected Ports freshPorts(Clock clock) {
        return inMemory(clock);
    }
}

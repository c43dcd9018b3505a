package com.partnerchannel.licensing.contract;

import com.partnerchannel.licensing.config.Ports;

import java.time.Clock;

/** The DirectoryTokens contract on the in-memory adapter (fast tier). */
class InMemoryDirectoryTokensContractTest extends DirectoryTokensContract {
    @Override
    protected Ports freshPorts(Clock clock) {
        return inMemory(clock);
    }
}

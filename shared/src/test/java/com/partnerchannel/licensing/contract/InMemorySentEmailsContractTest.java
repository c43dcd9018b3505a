package com.partnerchannel.licensing.contract;

import com.partnerchannel.licensing.config.Ports;

import java.time.Clock;

/** The SentEmails contract on the in-memory adapter (fast tier). */
class InMemorySentEmailsContractTest extends SentEmailsContract {
    @Override
    protected Ports freshPorts(Clock clock) {
        return inMemory(clock);
    }
}

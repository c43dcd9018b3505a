package com.partnerchannel.licensing.contract;

import com.partnerchannel.licensing.config.Ports;

import java.time.Clock;

/** The SentEmails contract on the DynamoDB adapter, over DynamoDB Local. */
class DynamoSentEmailsContractIT extends SentEmailsContract {
    @Override
    protected Ports freshPorts(Clock clock) {
        return onDynamoDbLocal(clock);
    }
}

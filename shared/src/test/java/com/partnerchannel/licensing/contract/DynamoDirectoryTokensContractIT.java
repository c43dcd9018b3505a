package com.partnerchannel.licensing.contract;

import com.partnerchannel.licensing.config.Ports;

import java.time.Clock;

/** The DirectoryTokens contract on the DynamoDB adapter, over DynamoDB Local. */
class DynamoDirectoryTokensContractIT extends DirectoryTokensContract {
    @Override
    protected Ports freshPorts(Clock clock) {
        return onDynamoDbLocal(clock);
    }
}

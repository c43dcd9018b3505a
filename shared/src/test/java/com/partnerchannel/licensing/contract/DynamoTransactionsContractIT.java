package com.partnerchannel.licensing.contract;

import com.partnerchannel.licensing.config.Ports;

import java.time.Clock;

/** The Transactions contract on the DynamoDB adapter, over DynamoDB Local. */
class DynamoTransactionsContractIT extends TransactionsContract {
    @Override
    protected Ports freshPorts(Clock clock) {
        return onDynamoDbLocal(clock);
    }
}

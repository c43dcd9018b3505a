package com.partnerchannel.licensing.contract;

import com.partnerchannel.licensing.config.Ports;

import java.time.Clock;

/** The Orders contract on the DynamoDB adapter, over DynamoDB Local. */
class DynamoOrdersContractIT extends OrdersContract {
    @Override
    protected Ports freshPorts(Clock clock) {
        return onDynamoDbLocal(clock);
    }
}

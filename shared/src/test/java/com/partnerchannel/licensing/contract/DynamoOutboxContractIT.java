package com.partnerchannel.licensing.contract;

import com.partnerchannel.licensing.config.Ports;

import java.time.Clock;

/** The Outbox contract on the DynamoDB adapter, over DynamoDB Local. */
class DynamoOutboxContractIT extends OutboxContract {
    @Override
    protected Ports freshPorts(Clock clock) {
        return onDynamoDbLocal(clock);
    }
}

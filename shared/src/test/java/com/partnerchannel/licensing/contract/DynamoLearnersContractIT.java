package com.partnerchannel.licensing.contract;

import com.partnerchannel.licensing.config.Ports;

import java.time.Clock;

/** The Learners contract on the DynamoDB adapter, over DynamoDB Local. */
class DynamoLearnersContractIT extends LearnersContract {
    @Override
    protected Ports freshPorts(Clock clock) {
        return onDynamoDbLocal(clock);
    }
}

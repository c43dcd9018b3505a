package com.partnerchannel.licensing.contract;

import com.partnerchannel.licensing.config.Ports;

import java.time.Clock;

/** The RenewalImports contract on the DynamoDB adapter, over DynamoDB Local. */
class DynamoRenewalImportsContractIT extends RenewalImportsContract {
    @Override
    protected Ports freshPorts(Clock clock) {
        return onDynamoDbLocal(clock);
    }
}

package com.partnerchannel.licensing.contract;

import com.partnerchannel.licensing.config.Ports;

import java.time.Clock;

/** The Companies contract on the DynamoDB adapter, over DynamoDB Local. */
class DynamoCompaniesContractIT extends CompaniesContract {
    @Override
    protected Ports freshPorts(Clock clock) {
        return onDynamoDbLocal(clock);
    }
}

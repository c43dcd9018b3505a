package com.partnerchannel.licensing.contract;

import com.partnerchannel.licensing.config.Ports;

import java.time.Clock;

/** The LicencePools contract on the DynamoDB adapter, over DynamoDB Local. */
class DynamoLicencePoolsContractIT extends LicencePoolsContract {
    @Override
    protected Ports freshPorts(Clock clock) {
        return onDynamoDbLocal(clock);
    }
}

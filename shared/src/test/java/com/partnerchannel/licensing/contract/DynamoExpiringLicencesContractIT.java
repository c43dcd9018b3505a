package com.partnerchannel.licensing.contract;

import com.partnerchannel.licensing.config.Ports;

import java.time.Clock;

/** The ExpiringLicences contract on the DynamoDB adapter, over DynamoDB Local. */
class DynamoExpiringLicencesContractIT extends ExpiringLicencesContract {
    @Override
    protected Ports freshPorts(Clock clock) {
        return onDynamoDbLocal(clock);
    }
}

package com.partnerchannel.licensing.contract;

import com.partnerchannel.licensing.config.Ports;

import java.time.Clock;

/** The UndeliverableAddresses contract on the DynamoDB adapter, over DynamoDB Local. */
class DynamoUndeliverableAddressesContractIT extends UndeliverableAddressesContract {
    @Override
    protected Ports freshPorts(Clock clock) {
        return onDynamoDbLocal(clock);
    }
}

package com.partnerchannel.licensing.contract;

import com.partnerchannel.licensing.config.Ports;

import java.time.Clock;

/** The NoticeLedger contract on the DynamoDB adapter, over DynamoDB Local. */
class DynamoNoticeLedgerContractIT extends NoticeLedgerContract {
    @Override
    protected Ports freshPorts(Clock clock) {
        return onDynamoDbLocal(clock);
    }
}

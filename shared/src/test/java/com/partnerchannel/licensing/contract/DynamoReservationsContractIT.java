package com.partnerchannel.licensing.contract;

import com.partnerchannel.licensing.config.Ports;

import java.time.Clock;

/** The Reservations contract on the DynamoDB adapter, over DynamoDB Local. */
class DynamoReservationsContractIT extends ReservationsContract {
    @Override
    protected Ports freshPorts(Clock clock) {
        return onDynamoDbLocal(clock);
    }
}

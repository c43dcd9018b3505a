package com.partnerchannel.licensing.contract;

import com.partnerchannel.licensing.config.Ports;

import java.time.Clock;

/** The Reservations contract on the in-memory adapter (fast tier). */
class InMemoryReservationsContractTest extends ReservationsContract {
    @Override
    protected Ports freshPorts(Clock clock) {
        return inMemory(clock);
    }
}

package com.partnerchannel.licensing.notification.application;

import com.partnerchannel.licensing.notification.model.UndeliverableAddress;

import java.util.List;

/**
 * SES said these addresses hard-bounced or complained (its feedback events, through the bus): record
 * each, so that {@link Notifying} skips it from now on. A repeated event records the same again.
 */
public final class RecordingUndeliverableAddresses {
    private final UndeliverableAddresses addresses;

    public RecordingUndeliverableAddresses(UndeliverableAddresses addresses) {
        this.addresses = addresses;
    }

    public List<UndeliverableAddress> record(List<UndeliverableAddress> feedback) {
        feedback.forEach(addresses::record);
        return feedback;
    }
}

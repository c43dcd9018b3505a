package com.partnerchannel.licensing.notification.application;

import com.partnerchannel.licensing.notification.model.UndeliverableAddress;

/** The addresses that hard-bounced or complained: the notifier sends them nothing more. */
public interface UndeliverableAddresses {
    /** Records it; recording an address again keeps the latest reason and time. */
    void record(UndeliverableAddress address);

    /** Whether this recipient (as the notifier normalises it) is one of them. */
    boolean contains(String address);
}

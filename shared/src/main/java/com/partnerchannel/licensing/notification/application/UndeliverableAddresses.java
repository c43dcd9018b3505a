package com.partnerchannel.licensing.notification.application;

import com.partnerchannel.licensing.notification.model.UndeliverableAddress;

import java.util.Collection;
import java.util.Set;

/** The addresses that hard-bounced or complained: the notifier sends them nothing more. */
public interface UndeliverableAddresses {
    /** Records it; recording an address again keeps the latest reason and time. */
    void record(UndeliverableAddress address);

    /**
     * Those of these recipients that are among them, as given (compared as the notifier normalises them: trimmed,
     * in lower case). Looked up at once, and seeing every address recorded before the call.
     */
    Set<String> among(Collection<String> addresses);
}

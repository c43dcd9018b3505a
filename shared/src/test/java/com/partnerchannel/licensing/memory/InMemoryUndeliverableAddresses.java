package com.partnerchannel.licensing.memory;

import com.partnerchannel.licensing.notification.application.UndeliverableAddresses;
import com.partnerchannel.licensing.notification.model.UndeliverableAddress;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/** {@link UndeliverableAddresses} on an {@link InMemoryTable}: the latest bounce or complaint per address (trimmed, any case). */
public final class InMemoryUndeliverableAddresses implements UndeliverableAddresses {
    private final InMemoryTable table;

    public InMemoryUndeliverableAddresses(InMemoryTable table) {
        this.table = table;
    }

    @Override
    public void record(UndeliverableAddress address) {
        synchronized (table) {
            table.undeliverableAddresses.put(address.address(), address);
        }
    }

    @Override
    public Set<String> among(Collection<String> addresses) {
        Set<String> flagged = new LinkedHashSet<>();
        synchronized (table) {
            for (String address : addresses) {
                if (table.undeliverableAddresses.containsKey(address.trim().toLowerCase(Locale.ROOT))) flagged.add(address);
            }
        }
        return flagged;
    }
}

package com.partnerchannel.licensing.common;

/** Source of new ids. Ids are ULIDs: 26 characters, sortable by creation time, never containing '#'. */
public interface Ids {
    String next();
}

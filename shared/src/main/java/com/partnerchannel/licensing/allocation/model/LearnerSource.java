package com.partnerchannel.licensing.allocation.model;

/** How a user came: added by hand, from a CSV file, or by a directory (SCIM); stored and shown by these names. */
public enum LearnerSource {
    manual, csv, directory
}

package com.partnerchannel.licensing.renewal.model;

/** Why a file could not be analysed, said so that the manager can fix the file. */
public record ImportFailure(Code code, String message) {
    public enum Code { empty_file, not_csv, no_email_column, too_large, too_many_rows, unreadable }
}

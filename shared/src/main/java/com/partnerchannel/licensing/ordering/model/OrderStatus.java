package com.partnerchannel.licensing.ordering.model;

/** {@code requested} → {@code assigned}, or → {@code rejected} / {@code cancelled}. */
public enum OrderStatus {
    requested, assigned, rejected, cancelled
}

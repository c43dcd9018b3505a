package com.partnerchannel.licensing.ordering.application;

/** The body of {@code POST /companies/{companyId}/orders}, as sent. */
public record RequestOrder(Integer quantity, String kind, String purchaseOrderRef, String note) {
}

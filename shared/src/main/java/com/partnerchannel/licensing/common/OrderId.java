package com.partnerchannel.licensing.common;

import com.partnerchannel.licensing.common.Problem;

public record OrderId(String value) {
    public OrderId {
        if (value == null || value.isBlank() || value.contains("#")) {
            throw Problem.invalid("orderId", "is not an order id");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}

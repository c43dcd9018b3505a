package com.partnerchannel.licensing.common;

public record PoolId(String value) {
    public PoolId {
        if (value == null || value.isBlank() || value.contains("#")) {
            throw new IllegalArgumentException("bad pool id: " + value);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}

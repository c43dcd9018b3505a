package com.partnerchannel.licensing.ordering.model;

/** {@code new} premium licences, or the {@code upgrade} of a trial company to premium. */
public enum OrderKind {
    @SuppressWarnings("java:S115") new_("new"),
    upgrade("upgrade");

    private final String wire;

    OrderKind(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static java.util.Optional<OrderKind> fromWire(String value) {
        for (OrderKind kind : values()) {
            if (kind.wire.equals(value)) return java.util.Optional.of(kind);
        }
        return java.util.Optional.empty();
    }
}

package com.partnerchannel.licensing.common;

import java.util.List;

/** What a use case decided: its result, and the changes that must commit together for it to be true. */
public record Decision<T>(T result, List<Change> changes) {
    public Decision {
        changes = List.copyOf(changes);
    }

    public static <T> Decision<T> of(T result, Change... changes) {
        return new Decision<>(result, List.of(changes));
    }
}

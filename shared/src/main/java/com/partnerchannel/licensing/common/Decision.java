package com.partnerchannel.licensing.common;

import java.util.List;

/**
 * What a use case decided: its result, the changes that must commit together for it to be true, and
 * work to do once they have committed (work that must survive a crash records that it is owed in the
 * changes themselves, so that it is finished later). That work must be safe to run again: a request whose commit's
 * answer was lost runs it when it finds its own commit done.
 */
public record Decision<T>(T result, List<Change> changes, Runnable afterCommit) {
    public Decision {
        changes = List.copyOf(changes);
    }

    public Decision(T result, List<Change> changes) {
        this(result, changes, () -> {
        });
    }

    public static <T> Decision<T> of(T result, Change... changes) {
        return new Decision<>(result, List.of(changes));
    }

    public Decision<T> then(Runnable work) {
        return new Decision<>(result, changes, work);
    }
}

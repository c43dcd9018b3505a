package com.partnerchannel.licensing.expiry.application;

import com.partnerchannel.licensing.common.Publish;
import com.partnerchannel.licensing.expiry.model.Notice;
import com.partnerchannel.licensing.expiry.model.NoticeOutcome;

import java.time.Instant;
import java.util.Optional;

/** Every notice, recorded once. A notice's event is written in the same transaction as its entry. */
public interface NoticeLedger {
    /**
     * Records the notice, with its event when it is {@code published}. False when the notice was recorded
     * before (by an earlier run, or one running now): then nothing is written.
     */
    boolean record(Notice notice, NoticeOutcome outcome, Optional<Publish> event, Instant at);
}

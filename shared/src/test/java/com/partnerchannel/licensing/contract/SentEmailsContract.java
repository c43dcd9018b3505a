package com.partnerchannel.licensing.contract;

import com.partnerchannel.licensing.notification.application.SentEmails;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link SentEmails}: an event's email to a recipient is claimed once, and a claim is dropped only while sending. */
public abstract class SentEmailsContract extends PortContract {

    @Test
    void theFirstClaimIsOursAndARepeatIsInDoubtUntilSent() {
        SentEmails sent = ports.sentEmails();
        assertThat(sent.claim("C1", "E1", "it@acme.test", clock.instant())).isEqualTo(SentEmails.Claim.CLAIMED);
        assertThat(sent.claim("C1", "E1", " IT@acme.test", clock.instant())).isEqualTo(SentEmails.Claim.IN_DOUBT);
        sent.sent("C1", "E1", "it@acme.test", "m-1", clock.instant());
        assertThat(sent.claim("C1", "E1", "it@acme.test", clock.instant())).isEqualTo(SentEmails.Claim.SENT);
        assertThat(sent.claim("C1", "E2", "it@acme.test", clock.instant())).isEqualTo(SentEmails.Claim.CLAIMED);
        assertThat(sent.claim("C1", "E1", "boss@acme.test", clock.instant())).isEqualTo(SentEmails.Claim.CLAIMED);
    }

    @Test
    void aReleasedClaimCanBeClaimedAgainButASentOneIsKept() {
        SentEmails sent = ports.sentEmails();
        sent.claim("C1", "E1", "it@acme.test", clock.instant());
        sent.release("C1", "E1", "it@acme.test");
        assertThat(sent.claim("C1", "E1", "it@acme.test", clock.instant())).isEqualTo(SentEmails.Claim.CLAIMED);
        sent.sent("C1", "E1", "it@acme.test", "m-1", clock.instant());
        sent.release("C1", "E1", "it@acme.test");
        assertThat(sent.claim("C1", "E1", "it@acme.test", clock.instant())).isEqualTo(SentEmails.Claim.SENT);
        sent.release("C1", "E9", "nobody@acme.test");
    }
}

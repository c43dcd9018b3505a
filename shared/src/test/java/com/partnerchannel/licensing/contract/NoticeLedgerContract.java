package com.partnerchannel.licensing.contract;

import com.partnerchannel.licensing.common.Publish;
import com.partnerchannel.licensing.expiry.application.NoticeLedger;
import com.partnerchannel.licensing.expiry.model.Notice;
import com.partnerchannel.licensing.expiry.model.NoticeKind;
import com.partnerchannel.licensing.expiry.model.NoticeOutcome;
import com.partnerchannel.licensing.ordering.model.OrderRequested;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.Plan;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link NoticeLedger}: one entry per customer, kind, moment and licence type, recorded once. */
public abstract class NoticeLedgerContract extends PortContract {

    @Test
    void aNoticeIsRecordedOnce() {
        Company acme = aCustomer(Plan.premium);
        Instant expiresAt = clock.instant().plus(Duration.ofDays(2));
        Notice reminder = new Notice(acme.companyId(), NoticeKind.reminder, expiresAt, false);
        assertThat(ports.noticeLedger().record(reminder, NoticeOutcome.skipped, Optional.empty(), clock.instant())).isTrue();
        assertThat(ports.noticeLedger().record(reminder, NoticeOutcome.skipped, Optional.empty(), clock.instant())).isFalse();
        assertThat(ports.noticeLedger().record(new Notice(acme.companyId(), NoticeKind.expiry, expiresAt, false),
                NoticeOutcome.skipped, Optional.empty(), clock.instant())).isTrue();
        assertThat(ports.noticeLedger().record(new Notice(acme.companyId(), NoticeKind.reminder, expiresAt, true),
                NoticeOutcome.skipped, Optional.empty(), clock.instant())).isTrue();
        assertThat(ports.noticeLedger().record(new Notice(acme.companyId(), NoticeKind.reminder, expiresAt.plusMillis(1), false),
                NoticeOutcome.skipped, Optional.empty(), clock.instant())).isTrue();
    }

    @Test
    void aRepeatWithItsOwnEventRecordsNeitherTheNoticeNorTheEvent() {
        Company acme = aCustomer(Plan.premium);
        Notice reminder = new Notice(acme.companyId(), NoticeKind.reminder, clock.instant().plus(Duration.ofDays(2)), false);
        assertThat(ports.noticeLedger().record(reminder, NoticeOutcome.published, Optional.of(anEvent(acme)), clock.instant()))
                .isTrue();
        Publish second = anEvent(acme);
        assertThat(ports.noticeLedger().record(reminder, NoticeOutcome.published, Optional.of(second), clock.instant()))
                .isFalse();
        // The second event was not written: a commit of that very event now succeeds.
        commit(second);
    }

    private Publish anEvent(Company company) {
        com.partnerchannel.licensing.ordering.model.Order order = com.partnerchannel.licensing.ordering.model.Order.requested(
                new com.partnerchannel.licensing.common.OrderId(ids.next()), company.companyId(), company.path(), 1,
                com.partnerchannel.licensing.ordering.model.OrderKind.new_, Optional.empty(), Optional.empty(), clock.instant(),
                new com.partnerchannel.licensing.tenancy.model.UserId("u1"), company.companyId());
        return new Publish(ids.next(), new OrderRequested(order, company.name(), null));
    }
}

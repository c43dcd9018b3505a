package com.partnerchannel.licensing.notification;

import com.partnerchannel.licensing.allocation.model.LicencePool;
import com.partnerchannel.licensing.common.DomainEvent;
import com.partnerchannel.licensing.common.OrderId;
import com.partnerchannel.licensing.common.PoolId;
import com.partnerchannel.licensing.notification.model.Email;
import com.partnerchannel.licensing.notification.model.NoticeEmails;
import com.partnerchannel.licensing.ordering.model.Order;
import com.partnerchannel.licensing.ordering.model.OrderAssigned;
import com.partnerchannel.licensing.ordering.model.OrderKind;
import com.partnerchannel.licensing.ordering.model.OrderRequested;
import com.partnerchannel.licensing.outbox.BusEvent;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.TreePath;
import com.partnerchannel.licensing.tenancy.model.UserId;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The order events carry what their emails show: the events' details rendered as the notifier renders them. */
class OrderEmailsTest {
    private static final Instant AT = Instant.parse("2026-03-14T10:02:00Z");
    private static final CompanyId ACME = new CompanyId("01KACME0000000000000000000");

    private final NoticeEmails emails = new NoticeEmails("https://portal.example.com");

    private static Order order(int quantity, Optional<String> note) {
        return Order.requested(new OrderId("01KORDER000000000000000000"), ACME, TreePath.root(ACME), quantity,
                OrderKind.new_, Optional.of("PO-7"), note, AT, new UserId("user-1"), ACME);
    }

    private Email rendered(DomainEvent event) {
        BusEvent bus = new BusEvent("01KEVENT000000000000000000", event.type(), event.companyId(), event.detail());
        return emails.render(bus, "boss@msp.test").orElseThrow();
    }

    @Test
    void theRequestersNoteReachesThePartnersEmail() {
        Email email = rendered(new OrderRequested(order(5, Optional.of("Please hurry.\nPO follows.")), "Acme", "01KMSP"));

        assertThat(email.text()).contains("""
                Note from the requester at Acme (their words, not ours):
                > Please hurry.
                > PO follows.
                """);
    }

    @Test
    void anAssignmentCountsOnlyTheSeatsNobodyTookYet() {
        Order assigned = order(7, Optional.empty()).assign(new PoolId("01KPOOL0000000000000000000"), new UserId("p"), AT);
        LicencePool pool = LicencePool.assigned(assigned.poolId().orElseThrow(), ACME, assigned.orderId(), 7, AT);

        assertThat(rendered(new OrderAssigned(assigned, pool, "Acme")).subject())
                .isEqualTo("7 licences ready to allocate for Acme");

        LicencePool withManagers = new LicencePool(pool.poolId(), ACME, assigned.orderId(), 7, 2, AT, pool.expiresAt());
        Email seated = rendered(new OrderAssigned(assigned, withManagers, "Acme"));
        assertThat(seated.subject()).isEqualTo("5 licences ready to allocate for Acme");
        assertThat(seated.text()).contains("7 licences were assigned to Acme: 2 already went to its managers, "
                + "and 5 are ready to allocate.");
    }
}

package com.partnerchannel.licensing.notification.application;

import com.partnerchannel.licensing.config.Ports;
import com.partnerchannel.licensing.memory.InMemoryPorts;
import com.partnerchannel.licensing.memory.InMemoryTable;
import com.partnerchannel.licensing.notification.model.Email;
import com.partnerchannel.licensing.notification.model.NoticeEmails;
import com.partnerchannel.licensing.notification.model.UndeliverableAddress;
import com.partnerchannel.licensing.outbox.BusEvent;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.CompanyKind;
import com.partnerchannel.licensing.tenancy.model.Manager;
import com.partnerchannel.licensing.tenancy.model.NewCompany;
import com.partnerchannel.licensing.tenancy.model.Plan;
import com.partnerchannel.licensing.tenancy.model.TreePath;
import com.partnerchannel.licensing.tenancy.model.UserId;
import com.partnerchannel.licensing.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The notifier over the in-memory ports: who of a notice's recipients is mailed, and what it asks of the ports. */
class NotifyingTest {
    private final MutableClock clock = MutableClock.at("2026-03-01T09:00:00Z");
    private final Ports ports = InMemoryPorts.over(new InMemoryTable(), clock);
    private final List<Email> mailed = new ArrayList<>();
    private final List<List<String>> askedAbout = new ArrayList<>();

    /** The port as the notifier sees it, noting each question. */
    private final UndeliverableAddresses undeliverable = new UndeliverableAddresses() {
        @Override
        public void record(UndeliverableAddress address) {
            ports.undeliverableAddresses().record(address);
        }

        @Override
        public Set<String> among(Collection<String> addresses) {
            askedAbout.add(List.copyOf(addresses));
            return ports.undeliverableAddresses().among(addresses);
        }
    };
    private final Notifying notifying = new Notifying(ports.companies(), ports.sentEmails(), undeliverable, email -> {
        mailed.add(email);
        return "m-" + mailed.size();
    }, new NoticeEmails("https://portal.example.com"), clock);

    @Test
    void aManagerWhoseAddressBouncedIsSkippedAndTheOthersAreMailedAfterOneLookUpForAllOfThem() {
        CompanyId acme = aCustomerManagedBy("it@acme.test", "CFO@acme.test", "ops@acme.test");
        undeliverable.record(new UndeliverableAddress("cfo@acme.test", UndeliverableAddress.Reason.HARD_BOUNCE, clock.instant()));

        Notified notified = notifying.notify(assigned(acme));

        assertThat(notified.sent()).containsExactly("it@acme.test", "ops@acme.test");
        assertThat(notified.undeliverable()).containsExactly("cfo@acme.test");
        assertThat(mailed).extracting(Email::to).containsExactly("it@acme.test", "ops@acme.test");
        assertThat(askedAbout).containsExactly(List.of("it@acme.test", "cfo@acme.test", "ops@acme.test"));
    }

    @Test
    void theSameEventAgainMailsNobodyTwiceAndStillSkipsTheBouncedAddress() {
        CompanyId acme = aCustomerManagedBy("it@acme.test", "cfo@acme.test");
        undeliverable.record(new UndeliverableAddress("it@acme.test", UndeliverableAddress.Reason.COMPLAINT, clock.instant()));

        notifying.notify(assigned(acme));
        Notified again = notifying.notify(assigned(acme));

        assertThat(again.sent()).isEmpty();
        assertThat(again.sentBefore()).containsExactly("cfo@acme.test");
        assertThat(again.undeliverable()).containsExactly("it@acme.test");
        assertThat(mailed).extracting(Email::to).containsExactly("cfo@acme.test");
    }

    private CompanyId aCustomerManagedBy(String... emails) {
        CompanyId id = new CompanyId("01KACME0000000000000000000");
        List<Manager> managers = new ArrayList<>();
        for (int i = 0; i < emails.length; i++) managers.add(new Manager(new UserId("manager-" + i), emails[i], "Manager " + i));
        ports.transactions().commit(List.of(new NewCompany(new Company(id, "Acme", CompanyKind.customer, Optional.empty(),
                TreePath.root(id), Optional.of(Plan.premium), clock.instant(), Optional.empty(), managers))), Optional.empty());
        return id;
    }

    private static BusEvent assigned(CompanyId company) {
        return new BusEvent("01KEVENT000000000000000000", "OrderAssigned", company.value(), Map.of("companyId", company.value(),
                "companyName", "Acme", "seats", "10", "startsAt", "2026-03-01T09:00:00Z", "expiresAt", "2027-03-01T09:00:00Z"));
    }
}

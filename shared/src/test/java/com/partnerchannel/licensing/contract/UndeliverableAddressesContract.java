package com.partnerchannel.licensing.contract;

import com.partnerchannel.licensing.notification.application.UndeliverableAddresses;
import com.partnerchannel.licensing.notification.model.UndeliverableAddress;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link UndeliverableAddresses}: which of a notice's recipients bounced or complained, asked for all of them at once. */
public abstract class UndeliverableAddressesContract extends PortContract {

    @Test
    void ofTheRecipientsAskedAboutOnlyThoseRecordedAreUndeliverableInAnySpellingAndAsGiven() {
        UndeliverableAddresses addresses = ports.undeliverableAddresses();
        addresses.record(new UndeliverableAddress("IT@acme.test", UndeliverableAddress.Reason.HARD_BOUNCE, clock.instant()));
        addresses.record(new UndeliverableAddress("cfo@acme.test", UndeliverableAddress.Reason.COMPLAINT, clock.instant()));
        addresses.record(new UndeliverableAddress("cfo@acme.test", UndeliverableAddress.Reason.HARD_BOUNCE, clock.instant()));

        assertThat(addresses.among(List.of("boss@acme.test", "it@acme.test", " It@Acme.test", "cfo@acme.test", "ops@other.test")))
                .containsExactly("it@acme.test", " It@Acme.test", "cfo@acme.test");
        assertThat(addresses.among(List.of("boss@acme.test"))).isEmpty();
        assertThat(addresses.among(List.of())).isEmpty();
    }

    @Test
    void moreRecipientsThanOneBatchReadTakesAreAllAnswered() {
        UndeliverableAddresses addresses = ports.undeliverableAddresses();
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < 250; i++) recipients.add("manager" + i + "@acme.test");
        List<String> bounced = List.of("manager0@acme.test", "manager99@acme.test", "manager100@acme.test",
                "manager201@acme.test", "manager249@acme.test");
        bounced.forEach(address -> addresses.record(new UndeliverableAddress(address, UndeliverableAddress.Reason.HARD_BOUNCE,
                clock.instant())));

        assertThat(addresses.among(recipients)).containsExactlyElementsOf(bounced);
    }
}

package com.partnerchannel.licensing.notification.model;

import com.partnerchannel.licensing.outbox.BusEvent;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NoticeEmailsTest {
    private final NoticeEmails emails = new NoticeEmails("https://portal.example.com/");

    @Test
    void anAssignmentTellsTheCustomerHowManyLicencesAreReadyAndUntilWhen() {
        BusEvent event = new BusEvent("01EVT", "OrderAssigned", "01CUST", Map.of("companyId", "01CUST",
                "companyName", "Acme <Ltd>", "seats", 25, "startsAt", "2026-03-14T10:02:00Z",
                "expiresAt", "2027-03-14T10:02:00Z", "orderId", "01ORD"));

        Email email = emails.render(event, "it@acme.test").orElseThrow();

        assertThat(email.to()).isEqualTo("it@acme.test");
        assertThat(email.subject()).isEqualTo("25 licences ready to allocate for Acme <Ltd>");
        assertThat(email.text()).contains("14 March 2026, 10:02 UTC").contains("14 March 2027, 10:02 UTC")
                .contains("https://portal.example.com/companies/01CUST/licences");
        assertThat(email.html()).contains("Acme &lt;Ltd&gt;").doesNotContain("<Ltd>")
                .contains("<a href=\"https://portal.example.com/companies/01CUST/licences\">");
    }

    @Test
    void aTrialReminderSaysTrialLicences() {
        BusEvent event = new BusEvent("01EVT", "LicencesExpiring", "01CUST", Map.of("companyId", "01CUST",
                "companyName", "Globex", "licences", 3, "licenceType", "trial", "expiresAt", "2026-03-14T10:02:00Z"));

        assertThat(emails.render(event, "boss@globex.test").orElseThrow().subject())
                .isEqualTo("3 trial licences of Globex expire on 14 March 2026, 10:02 UTC");
    }

    @Test
    void anEventWithoutAnEmailRendersNone() {
        assertThat(emails.render(new BusEvent("01EVT", "TrialUpgraded", "01CUST", Map.of("companyId", "01CUST")), "a@b.c"))
                .isEmpty();
    }

    @Test
    void textStoredBeforeTheCheckCannotBreakTheSubjectOrAddLinesToTheBody() {
        BusEvent event = new BusEvent("01EVT", "OrderRequested", "01CUST", Map.of("companyId", "01CUST",
                "companyName", "Evil\r\nBcc: attacker@evil.test", "quantity", 1, "kind", "new",
                "requestedAt", "2026-03-14T10:02:00Z", "orderId", "01ORD",
                "purchaseOrderRef", "PO-7\nURGENT: log in at https://evil.example/x\u2028\u202Egnp.exe"));

        Email email = emails.render(event, "boss@msp.test").orElseThrow();

        assertThat(email.subject()).isEqualTo("Evil Bcc: attacker@evil.test requested 1 licences")
                .doesNotContain("\r").doesNotContain("\n");
        assertThat(email.text().lines()).noneMatch(line -> line.startsWith("URGENT"));
        assertThat(email.text()).contains("(purchase order PO-7 URGENT: log in at https://evil.example/x gnp.exe)")
                .doesNotContain("\u2028").doesNotContain("\u202E");
        assertThat(email.html()).doesNotContain("\u2028").doesNotContain("\u202E").doesNotContain("\r");
    }

    @Test
    void aNoteIsQuotedLineByLineUnderAHeadingThatSaysWhoWroteIt() {
        BusEvent event = new BusEvent("01EVT", "OrderRequested", "01CUST", Map.of("companyId", "01CUST",
                "companyName", "Acme", "quantity", 5, "kind", "new", "requestedAt", "2026-03-14T10:02:00Z",
                "orderId", "01ORD", "note", "Please hurry.\r\nURGENT: log in at https://evil.example/x\u0085\u202Eexe"));

        Email email = emails.render(event, "boss@msp.test").orElseThrow();

        assertThat(email.text()).contains("""
                Note from the requester at Acme (their words, not ours):
                > Please hurry.
                > URGENT: log in at https://evil.example/x exe
                """);
        assertThat(email.text().lines()).noneMatch(line -> line.startsWith("URGENT"));
        assertThat(email.html()).contains("<blockquote>").contains("URGENT: log in at https://evil.example/x exe")
                .doesNotContain("\u0085").doesNotContain("\u202E");
    }

    @Test
    void anOverlongNameIsShortenedInTheSubject() {
        BusEvent event = new BusEvent("01EVT", "OrderAssigned", "01CUST", Map.of("companyId", "01CUST",
                "companyName", "A".repeat(300), "seats", 25, "startsAt", "2026-03-14T10:02:00Z",
                "expiresAt", "2027-03-14T10:02:00Z", "orderId", "01ORD"));

        assertThat(emails.render(event, "it@acme.test").orElseThrow().subject()).hasSizeLessThan(150).endsWith("…");
    }
}

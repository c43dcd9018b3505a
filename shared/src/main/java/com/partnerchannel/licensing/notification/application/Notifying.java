package com.partnerchannel.licensing.notification.application;

import com.partnerchannel.licensing.outbox.BusEvent;
import com.partnerchannel.licensing.notification.model.Email;
import com.partnerchannel.licensing.notification.model.NoticeEmails;
import com.partnerchannel.licensing.tenancy.application.Companies;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.Emails;
import com.partnerchannel.licensing.tenancy.model.Manager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Sends the email of one domain event to each of its recipients: an order request to the managers of
 * the customer's parent partner (none for an order assigned with its company, which waits for nobody);
 * an assignment, a reminder and an expiry to the customer's managers.
 * Each (event, recipient) is claimed before it is sent, so it goes out at most once; a failed send
 * drops its claim and fails the invocation, so the platform retries it. An address that hard-bounced or
 * complained before is sent nothing.
 */
public final class Notifying {
    private static final Logger LOG = LoggerFactory.getLogger(Notifying.class);

    private final Companies companies;
    private final SentEmails sentEmails;
    private final UndeliverableAddresses undeliverableAddresses;
    private final Mailer mailer;
    private final NoticeEmails emails;
    private final Clock clock;

    public Notifying(Companies companies, SentEmails sentEmails, UndeliverableAddresses undeliverableAddresses,
                     Mailer mailer, NoticeEmails emails, Clock clock) {
        this.companies = companies;
        this.sentEmails = sentEmails;
        this.undeliverableAddresses = undeliverableAddresses;
        this.mailer = mailer;
        this.emails = emails;
        this.clock = clock;
    }

    public Notified notify(BusEvent event) {
        List<String> sent = new ArrayList<>();
        List<String> before = new ArrayList<>();
        List<String> inDoubt = new ArrayList<>();
        List<String> undeliverable = new ArrayList<>();
        Map<String, Email> toSend = new LinkedHashMap<>();
        for (String recipient : recipients(event)) emails.render(event, recipient).ifPresent(email -> toSend.put(recipient, email));
        // Every recipient's bounce or complaint in one read, not one read each (docs/benchmarks.md, the notifier).
        Set<String> flagged = undeliverableAddresses.among(toSend.keySet());
        for (Map.Entry<String, Email> email : toSend.entrySet()) {
            String recipient = email.getKey();
            if (flagged.contains(recipient)) {
                undeliverable.add(recipient);
                continue;
            }
            switch (sentEmails.claim(event.companyId(), event.eventId(), recipient, clock.instant())) {
                case SENT -> before.add(recipient);
                case IN_DOUBT -> {
                    // Never twice beats at least once: an earlier run may have sent it before it died.
                    // The address stays out of the log: the event's sent-email items name it.
                    LOG.atWarn().addKeyValue("eventId", event.eventId())
                            .log("not sending an email of " + event.type() + ": an earlier attempt claimed it and did not finish");
                    inDoubt.add(recipient);
                }
                case CLAIMED -> {
                    String messageId;
                    try {
                        messageId = mailer.send(email.getValue());
                    } catch (RuntimeException e) {
                        sentEmails.release(event.companyId(), event.eventId(), recipient);
                        throw e;
                    }
                    sentEmails.sent(event.companyId(), event.eventId(), recipient, messageId, clock.instant());
                    sent.add(recipient);
                }
            }
        }
        return new Notified(event.eventId(), sent, before, inDoubt, undeliverable);
    }

    /**
     * Managers' emails, normalised and without repeats, in the company's order. An address stored before
     * addresses were checked, and not one now, is left out: SES would refuse it, and so every retry.
     */
    List<String> recipients(BusEvent event) {
        Optional<CompanyId> company = switch (event.type()) {
            case "OrderRequested" -> awaitsAssignment(event) ? event.text("parentId").map(CompanyId::new) : Optional.empty();
            case "OrderAssigned", "LicencesExpiring", "LicencesExpired" -> Optional.of(new CompanyId(event.companyId()));
            default -> Optional.empty();
        };
        Set<String> recipients = new LinkedHashSet<>();
        for (Manager manager : company.flatMap(companies::get).map(Company::managers).orElse(List.of())) {
            if (Emails.isEmail(manager.email())) {
                recipients.add(manager.email().trim().toLowerCase(Locale.ROOT));
            } else {
                LOG.atWarn().addKeyValue("eventId", event.eventId()).addKeyValue("managerId", manager.userId().value())
                        .addKeyValue("managerCompanyId", company.get().value())
                        .log("not sending " + event.type() + " to a manager: the stored address is not an email address");
            }
        }
        return List.copyOf(recipients);
    }

    /** An initial order was assigned in the transaction that requested it: nobody is asked to assign it. */
    private static boolean awaitsAssignment(BusEvent event) {
        return !event.text("assignedOnCreation").map(Boolean::parseBoolean).orElse(false);
    }
}

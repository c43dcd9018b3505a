package com.partnerchannel.licensing.notification.model;

import com.partnerchannel.licensing.outbox.BusEvent;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * The emails the platform sends, in plain text and HTML: each names the company, the number of
 * licences and the dates, and links to the portal.
 */
public final class NoticeEmails {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final String portalBaseUrl;

    public NoticeEmails(String portalBaseUrl) {
        this.portalBaseUrl = portalBaseUrl.endsWith("/") ? portalBaseUrl.substring(0, portalBaseUrl.length() - 1)
                : portalBaseUrl;
    }

    /** The email for this event to {@code to}, or empty for an event that sends none. */
    public Optional<Email> render(BusEvent event, String to) {
        String company = event.text("companyName").orElse("your customer");
        String companyId = event.required("companyId");
        return switch (event.type()) {
            case "OrderRequested" -> {
                String quantity = event.required("quantity");
                String link = portalBaseUrl + "/orders/" + event.required("orderId");
                String subject = company + " requested " + quantity + " licences";
                String lines = company + " requested " + quantity + " " + event.text("kind").orElse("new")
                        + " licences on " + date(event.required("requestedAt"))
                        + event.text("purchaseOrderRef").map(ref -> " (purchase order " + ref + ")").orElse("")
                        + ".\nAssign or reject the order in the portal:";
                yield Optional.of(email(to, subject, lines, link));
            }
            case "OrderAssigned" -> {
                String seats = event.required("seats");
                String link = portalBaseUrl + "/companies/" + companyId + "/licences";
                String subject = seats + " licences ready to allocate for " + company;
                String lines = seats + " licences are ready to allocate for " + company + ".\nThey are valid from "
                        + date(event.required("startsAt")) + " until " + date(event.required("expiresAt"))
                        + ".\nAllocate them in the portal:";
                yield Optional.of(email(to, subject, lines, link));
            }
            case "LicencesExpiring" -> {
                String licences = event.required("licences");
                String link = portalBaseUrl + "/companies/" + companyId + "/licences";
                String subject = licences + " " + type(event) + "licences of " + company + " expire on "
                        + date(event.required("expiresAt"));
                String lines = licences + " " + type(event) + "licences of " + company + " expire on "
                        + date(event.required("expiresAt")) + ", in less than 72 hours.\nRenew them in the portal:";
                yield Optional.of(email(to, subject, lines, link));
            }
            case "LicencesExpired" -> {
                String licences = event.required("licences");
                String link = portalBaseUrl + "/companies/" + companyId + "/learners?licenceStatus=expired";
                String subject = licences + " " + type(event) + "licences of " + company + " expired";
                String lines = licences + " " + type(event) + "licences of " + company + " expired on "
                        + date(event.required("expiresAt"))
                        + ".\nTheir learners are expired until a manager renews them. Renew them in the portal:";
                yield Optional.of(email(to, subject, lines, link));
            }
            default -> Optional.empty();
        };
    }

    private static String type(BusEvent event) {
        return event.text("licenceType").filter("trial"::equals).map(t -> "trial ").orElse("");
    }

    private static Email email(String to, String subject, String lines, String link) {
        String text = lines + "\n" + link + "\n";
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body>");
        for (String line : lines.split("\n")) html.append("<p>").append(escape(line)).append("</p>");
        html.append("<p><a href=\"").append(escape(link)).append("\">").append(escape(link)).append("</a></p>")
                .append("</body></html>");
        return new Email(to, subject, text, html.toString());
    }

    static String date(String instant) {
        return DATE.format(Instant.parse(instant));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}

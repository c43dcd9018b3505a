package com.partnerchannel.licensing.notification.model;

import com.partnerchannel.licensing.common.Text;
import com.partnerchannel.licensing.outbox.BusEvent;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The emails the platform sends, in plain text and HTML: each names the company, the number of
 * licences and the dates, and links to the portal. Text users wrote goes in as one line (subjects
 * included), or, when it may have lines (a note), quoted under a heading that says whose words they are.
 */
public final class NoticeEmails {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    /** Names longer than this are shortened in a subject, which mail clients cut short anyway. */
    private static final int SUBJECT_NAME_MAX = 80;

    private final String portalBaseUrl;

    public NoticeEmails(String portalBaseUrl) {
        this.portalBaseUrl = portalBaseUrl.endsWith("/") ? portalBaseUrl.substring(0, portalBaseUrl.length() - 1)
                : portalBaseUrl;
    }

    /** The email for this event to {@code to}, or empty for an event that sends none. */
    public Optional<Email> render(BusEvent event, String to) {
        String company = text(event, "companyName").orElse("your customer");
        String companyId = segment(event.required("companyId"));
        return switch (event.type()) {
            case "OrderRequested" -> {
                String quantity = required(event, "quantity");
                String link = portalBaseUrl + "/orders/" + segment(event.required("orderId"));
                String subject = subjectName(company) + " requested " + quantity + " licences";
                String line = company + " requested " + quantity + " " + text(event, "kind").orElse("new")
                        + " licences on " + date(event.required("requestedAt"))
                        + text(event, "purchaseOrderRef").map(ref -> " (purchase order " + ref + ")").orElse("") + ".";
                Optional<Quote> note = event.text("note").map(Text::lines).filter(lines -> !lines.isEmpty())
                        .map(lines -> new Quote("Note from the requester at " + company + " (their words, not ours):", lines));
                yield Optional.of(email(to, subject, List.of(line), note, "Assign or reject the order in the portal:", link));
            }
            case "OrderAssigned" -> {
                int seats = Integer.parseInt(required(event, "seats"));
                int allocated = event.text("allocated").map(Integer::parseInt).orElse(0);
                int ready = seats - allocated;
                String link = portalBaseUrl + "/companies/" + companyId + "/licences";
                String subject = ready + " licences ready to allocate for " + subjectName(company);
                String readyLine = allocated == 0 ? ready + " licences are ready to allocate for " + company + "."
                        : seats + " licences were assigned to " + company + ": " + allocated
                                + " already went to its managers, and " + ready + " are ready to allocate.";
                List<String> lines = List.of(readyLine, "They are valid from " + date(event.required("startsAt"))
                        + " until " + date(event.required("expiresAt")) + ".");
                yield Optional.of(email(to, subject, lines, Optional.empty(), "Allocate them in the portal:", link));
            }
            case "LicencesExpiring" -> {
                String licences = required(event, "licences");
                String link = portalBaseUrl + "/companies/" + companyId + "/licences";
                String subject = licences + " " + type(event) + "licences of " + subjectName(company) + " expire on "
                        + date(event.required("expiresAt"));
                String line = licences + " " + type(event) + "licences of " + company + " expire on "
                        + date(event.required("expiresAt")) + ", in less than 72 hours.";
                yield Optional.of(email(to, subject, List.of(line), Optional.empty(), "Renew them in the portal:", link));
            }
            case "LicencesExpired" -> {
                String licences = required(event, "licences");
                String link = portalBaseUrl + "/companies/" + companyId + "/learners?licenceStatus=expired";
                String subject = licences + " " + type(event) + "licences of " + subjectName(company) + " expired";
                String line = licences + " " + type(event) + "licences of " + company + " expired on "
                        + date(event.required("expiresAt")) + ".";
                yield Optional.of(email(to, subject, List.of(line), Optional.empty(),
                        "Their learners are expired until a manager renews them. Renew them in the portal:", link));
            }
            default -> Optional.empty();
        };
    }

    /** Free text a user wrote, shown as theirs: under a heading that says whose, every line quoted. */
    private record Quote(String heading, List<String> lines) {
    }

    private static String type(BusEvent event) {
        return event.text("licenceType").filter("trial"::equals).map(t -> "trial ").orElse("");
    }

    /**
     * A field of the event as one line. Checked on the way in, but an event written before that check
     * may hold anything, and a line break must never reach a header or start a line of its own.
     */
    private static Optional<String> text(BusEvent event, String field) {
        return event.text(field).map(Text::oneLine).filter(text -> !text.isEmpty());
    }

    private static String required(BusEvent event, String field) {
        return Text.oneLine(event.required(field));
    }

    private static String subjectName(String name) {
        if (name.codePointCount(0, name.length()) <= SUBJECT_NAME_MAX) return name;
        return name.substring(0, name.offsetByCodePoints(0, SUBJECT_NAME_MAX - 1)).strip() + "…";
    }

    private static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    private static Email email(String to, String subject, List<String> lines, Optional<Quote> quote, String action,
                               String link) {
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body>");
        for (String line : lines) {
            text.append(line).append('\n');
            html.append("<p>").append(escape(line)).append("</p>");
        }
        quote.ifPresent(q -> {
            text.append('\n').append(q.heading()).append('\n');
            q.lines().forEach(line -> text.append(line.isEmpty() ? ">" : "> " + line).append('\n'));
            text.append('\n');
            html.append("<p>").append(escape(q.heading())).append("</p><blockquote>")
                    .append(q.lines().stream().map(NoticeEmails::escape).collect(Collectors.joining("<br>")))
                    .append("</blockquote>");
        });
        text.append(action).append('\n').append(link).append('\n');
        html.append("<p>").append(escape(action)).append("</p>")
                .append("<p><a href=\"").append(escape(link)).append("\">").append(escape(link)).append("</a></p>")
                .append("</body></html>");
        return new Email(to, subject, text.toString(), html.toString());
    }

    static String date(String instant) {
        return DATE.format(Instant.parse(instant));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}

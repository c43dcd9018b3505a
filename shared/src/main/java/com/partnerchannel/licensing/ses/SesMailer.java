package com.partnerchannel.licensing.ses;

import com.partnerchannel.licensing.notification.application.Mailer;
import com.partnerchannel.licensing.notification.model.Email;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.EmailContent;
import software.amazon.awssdk.services.sesv2.model.Message;

import java.util.Optional;

/**
 * Sends through SES v2 {@code SendEmail}: one recipient, a plain-text and an HTML part, with the
 * configuration set (when there is one) whose bounce and complaint events SES publishes.
 */
public final class SesMailer implements Mailer {
    private final SesV2Client ses;
    private final String sender;
    private final Optional<String> configurationSet;

    public SesMailer(SesV2Client ses, String sender) {
        this(ses, sender, Optional.empty());
    }

    public SesMailer(SesV2Client ses, String sender, Optional<String> configurationSet) {
        this.ses = ses;
        this.sender = sender;
        this.configurationSet = configurationSet;
    }

    @Override
    public String send(Email email) {
        Message message = Message.builder()
                .subject(utf8(email.subject()))
                .body(Body.builder().text(utf8(email.text())).html(utf8(email.html())).build())
                .build();
        return ses.sendEmail(r -> r.fromEmailAddress(sender)
                .destination(d -> d.toAddresses(email.to()))
                .content(EmailContent.builder().simple(message).build())
                .configurationSetName(configurationSet.orElse(null))).messageId();
    }

    private static Content utf8(String data) {
        return Content.builder().charset("UTF-8").data(data).build();
    }
}

package com.partnerchannel.licensing.ses;

import com.partnerchannel.licensing.notification.application.Mailer;
import com.partnerchannel.licensing.notification.model.Email;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.EmailContent;
import software.amazon.awssdk.services.sesv2.model.Message;

/** Sends through SES v2 {@code SendEmail}: one recipient, a plain-text and an HTML part. */
public final class SesMailer implements Mailer {
    private final SesV2Client ses;
    private final String sender;

    public SesMailer(SesV2Client ses, String sender) {
        this.ses = ses;
        this.sender = sender;
    }

    @Override
    public String send(Email email) {
        Message message = Message.builder()
                .subject(utf8(email.subject()))
                .body(Body.builder().text(utf8(email.text())).html(utf8(email.html())).build())
                .build();
        return ses.sendEmail(r -> r.fromEmailAddress(sender)
                .destination(d -> d.toAddresses(email.to()))
                .content(EmailContent.builder().simple(message).build())).messageId();
    }

    private static Content utf8(String data) {
        return Content.builder().charset("UTF-8").data(data).build();
    }
}

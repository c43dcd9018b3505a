package com.partnerchannel.licensing.notification.application;

import com.partnerchannel.licensing.notification.model.Email;

/** Sends email (SES). Throws when the email was not accepted. */
public interface Mailer {
    /** @return the provider's message id */
    String send(Email email);
}

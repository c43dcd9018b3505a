package com.partnerchannel.licensing.ses;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.partnerchannel.licensing.aws.AwsCalls;
import com.partnerchannel.licensing.notification.application.Mailer;
import com.partnerchannel.licensing.notification.model.Email;

import java.util.Map;
import java.util.Optional;

/**
 * Sends through SES v2 {@code SendEmail}: one recipient, a plain-text and an HTML part, with the
 * configuration set (when there is one) whose bounce and complaint events SES publishes. The call goes
 * through {@link AwsCalls} ({@code POST /v2/email/outbound-emails}), not the generated SES v2 client, which
 * would add 3.2 MB to the notifier's jar.
 */
public final class SesMailer implements Mailer {
    static final String PATH = "/v2/email/outbound-emails";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AwsCalls ses;
    private final String sender;
    private final Optional<String> configurationSet;

    public SesMailer(AwsCalls ses, String sender) {
        this(ses, sender, Optional.empty());
    }

    public SesMailer(AwsCalls ses, String sender, Optional<String> configurationSet) {
        this.ses = ses;
        this.sender = sender;
        this.configurationSet = configurationSet;
    }

    @Override
    public String send(Email email) {
        return ses.call(sendEmail(email)).json().path("MessageId").asText(null);
    }

    /** SnapStart priming: a SendEmail signed and its answer read, nothing sent. */
    public void prime() {
        ses.prime(sendEmail(new Email("priming@example.invalid", "priming", "priming", "<p>priming</p>")),
                "{\"MessageId\":\"priming\"}").path("MessageId").asText();
    }

    /** The request as the SES v2 API reference gives it: a simple message, every part UTF-8. */
    AwsCalls.Call sendEmail(Email email) {
        ObjectNode request = JSON.createObjectNode();
        request.put("FromEmailAddress", sender);
        request.putObject("Destination").putArray("ToAddresses").add(email.to());
        ObjectNode simple = request.putObject("Content").putObject("Simple");
        utf8(simple.putObject("Subject"), email.subject());
        ObjectNode body = simple.putObject("Body");
        utf8(body.putObject("Text"), email.text());
        utf8(body.putObject("Html"), email.html());
        configurationSet.ifPresent(name -> request.put("ConfigurationSetName", name));
        try {
            return AwsCalls.Call.json("SendEmail", PATH, "application/json", Map.of(), JSON.writeValueAsBytes(request));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void utf8(ObjectNode content, String data) {
        content.put("Data", data);
        content.put("Charset", "UTF-8");
    }
}

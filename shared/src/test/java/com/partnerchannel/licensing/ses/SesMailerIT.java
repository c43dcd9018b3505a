package com.partnerchannel.licensing.ses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerchannel.licensing.aws.AwsCalls;
import com.partnerchannel.licensing.notification.model.Email;
import com.partnerchannel.licensing.testing.Loopback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SES v2 SendEmail (signed, through the SDK's HTTP client) against a loopback endpoint: each email names the configuration set whose
 * bounce and complaint events SES publishes (template.yaml's SesConfigurationSet), and none without one.
 */
class SesMailerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Email NOTICE = new Email("manager@customer.test", "Licences expire soon", "text", "<p>html</p>");

    private final Loopback ses = new Loopback(request -> new Loopback.Answer(200, "{\"MessageId\":\"m-1\"}"));
    private final AwsCalls client = AwsCalls.builder(AwsCalls.Service.SES_V2)
            .endpoint(ses.uri()).region(Region.EU_WEST_1)
            .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build();

    @AfterEach
    void stop() {
        client.close();
        ses.close();
    }

    @Test
    void everyEmailIsSentWithTheConfigurationSet() throws Exception {
        SesMailer mailer = new SesMailer(client, "licences@partnerchannel.example", Optional.of("partner-licensing-email"));

        assertThat(mailer.send(NOTICE)).isEqualTo("m-1");

        JsonNode request = JSON.readTree(ses.requests.get(0).body());
        assertThat(request.path("ConfigurationSetName").asText()).isEqualTo("partner-licensing-email");
        assertThat(request.path("FromEmailAddress").asText()).isEqualTo("licences@partnerchannel.example");
        assertThat(request.path("Destination").path("ToAddresses").get(0).asText()).isEqualTo("manager@customer.test");
    }

    @Test
    void withoutAConfigurationSetTheEmailNamesNone() throws Exception {
        new SesMailer(client, "licences@partnerchannel.example").send(NOTICE);

        assertThat(JSON.readTree(ses.requests.get(0).body()).has("ConfigurationSetName")).isFalse();
    }
}

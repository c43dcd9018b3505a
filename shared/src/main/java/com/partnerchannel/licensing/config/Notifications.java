package com.partnerchannel.licensing.config;

import com.partnerchannel.licensing.aws.AwsCalls;
import com.partnerchannel.licensing.dynamodb.DynamoCompanies;
import com.partnerchannel.licensing.dynamodb.DynamoSentEmails;
import com.partnerchannel.licensing.dynamodb.DynamoUndeliverableAddresses;
import com.partnerchannel.licensing.notification.application.Notifying;
import com.partnerchannel.licensing.notification.application.RecordingUndeliverableAddresses;
import com.partnerchannel.licensing.notification.model.NoticeEmails;
import com.partnerchannel.licensing.ses.SesMailer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;

/** The notifier wired by hand: SES v2 for sending, the table for recipients and the sent-email records. */
public final class Notifications {
    private Notifications() {
    }

    public static Notifying notifying(DynamoDbClient dynamo, String table, AwsCalls ses, String sender,
                                      String portalBaseUrl, Clock clock) {
        return notifying(dynamo, table, new SesMailer(ses, sender), portalBaseUrl, clock);
    }

    private static Notifying notifying(DynamoDbClient dynamo, String table, SesMailer mailer, String portalBaseUrl,
                                       Clock clock) {
        return new Notifying(new DynamoCompanies(dynamo, table), new DynamoSentEmails(dynamo, table),
                new DynamoUndeliverableAddresses(dynamo, table), mailer, new NoticeEmails(portalBaseUrl), clock);
    }

    /** SES's bounces and complaints recorded in the table, where the notifier looks before each send. */
    public static RecordingUndeliverableAddresses recordingUndeliverableAddresses(DynamoDbClient dynamo, String table) {
        return new RecordingUndeliverableAddresses(new DynamoUndeliverableAddresses(dynamo, table));
    }

    public static RecordingUndeliverableAddresses recordingUndeliverableAddressesFromEnvironment() {
        return recordingUndeliverableAddresses(Configuration.fromEnvironment());
    }

    public static RecordingUndeliverableAddresses recordingUndeliverableAddresses(Configuration configuration) {
        return recordingUndeliverableAddresses(Licensing.dynamoDb(configuration), configuration.tableName());
    }

    public static Notifying fromEnvironment() {
        return from(Configuration.fromEnvironment(), Clocks.system());
    }

    public static Notifying from(Configuration configuration, Clock clock) {
        String sender = configuration.required(Configuration.SENDER_EMAIL);
        String portal = configuration.required(Configuration.PORTAL_BASE_URL);
        AwsCalls.Builder ses = SdkInterceptors.ses();
        configuration.optional(Configuration.SES_ENDPOINT).map(URI::create).ifPresent(ses::endpoint);
        SesMailer mailer = new SesMailer(ses.build(), sender, configuration.optional(Configuration.SES_CONFIGURATION_SET));
        Priming.register("SES v2 SendEmail (signed, not sent)", mailer::prime);
        return notifying(Licensing.dynamoDb(configuration), configuration.tableName(), mailer, portal, clock);
    }
}

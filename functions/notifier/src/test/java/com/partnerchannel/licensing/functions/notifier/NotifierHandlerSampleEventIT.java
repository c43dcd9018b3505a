package com.partnerchannel.licensing.functions.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerchannel.licensing.aws.AwsCalls;
import com.partnerchannel.licensing.config.Licensing;
import com.partnerchannel.licensing.config.Notifications;
import com.partnerchannel.licensing.testing.LocalDynamoDb;
import com.partnerchannel.licensing.testing.Loopback;
import com.partnerchannel.licensing.testing.MutableClock;
import com.partnerchannel.licensing.testing.SampleEvents;
import com.partnerchannel.licensing.testing.TemplateTable;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.CompanyKind;
import com.partnerchannel.licensing.tenancy.model.Manager;
import com.partnerchannel.licensing.tenancy.model.NewCompany;
import com.partnerchannel.licensing.tenancy.model.Plan;
import com.partnerchannel.licensing.tenancy.model.TreePath;
import com.partnerchannel.licensing.tenancy.model.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * events/notifier-order-assigned.json, the bus rule's event as Lambda delivers it (the detail as the
 * publisher puts it), fed to the handler around DynamoDB Local, where the sample customer has one
 * manager, and the real SES v2 client sending to a loopback endpoint.
 */
class NotifierHandlerSampleEventIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SAMPLE = TemplateTable.templatePath().getParent().resolve("events")
            .resolve("notifier-order-assigned.json");
    private static final String MANAGER = "it@sample-customer.test";

    private final java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
    /** Answers SES v2's SendEmail with a message id. */
    private final Loopback ses = new Loopback(request ->
            new Loopback.Answer(200, "{\"MessageId\":\"m-" + sent.incrementAndGet() + "\"}"));

    @AfterEach
    void stop() {
        ses.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSampleAssignmentEventEmailsTheCustomersManagerOnce() throws Exception {
        MutableClock clock = MutableClock.at("2026-11-22T09:00:02Z");
        Licensing licensing = new Licensing(LocalDynamoDb.client(), LocalDynamoDb.freshTable(), clock);
        seedSampleTree(licensing, Instant.parse("2026-11-01T10:00:00Z"));
        AwsCalls client = AwsCalls.builder(AwsCalls.Service.SES_V2)
                .endpoint(ses.uri()).region(Region.EU_WEST_1)
                .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build();
        NotifierHandler handler = new NotifierHandler(Notifications.notifying(licensing.dynamo, licensing.table, client,
                "licences@partnerchannel.example", "https://portal.partnerchannel.example", clock));
        Map<String, Object> event = JSON.readValue(SAMPLE.toFile(), Map.class);

        Map<String, Object> answer = handler.handleRequest(event, null);
        Map<String, Object> redelivered = handler.handleRequest(event, null);

        assertThat(answer).containsEntry("eventId", "01JDEMOEVENT00000000000000").containsEntry("sent", List.of(MANAGER));
        assertThat(redelivered).containsEntry("sent", List.of()).containsEntry("sentBefore", List.of(MANAGER));
        List<String> sendEmail = ses.requests.stream().filter(r -> r.path().equals("/v2/email/outbound-emails"))
                .map(Loopback.Request::body).toList();
        assertThat(sendEmail).as("one SendEmail for both deliveries").hasSize(1);
        JsonNode email = JSON.readTree(sendEmail.get(0));
        assertThat(email.path("FromEmailAddress").asText()).isEqualTo("licences@partnerchannel.example");
        assertThat(email.path("Destination").path("ToAddresses")).hasSize(1);
        assertThat(email.path("Destination").path("ToAddresses").get(0).asText()).isEqualTo(MANAGER);
        JsonNode simple = email.path("Content").path("Simple");
        assertThat(simple.path("Subject").path("Data").asText()).isEqualTo("10 licences ready to allocate for Sample Customer");
        assertThat(simple.path("Body").path("Text").path("Data").asText())
                .contains("https://portal.partnerchannel.example/companies/01JDEMOCUSTOMER00000000000/licences");
    }

    /** The samples' distributor → MSP → customer, the customer with one manager (SampleEvents' tree has none). */
    static void seedSampleTree(Licensing licensing, Instant at) {
        TreePath distributor = TreePath.root(SampleEvents.DISTRIBUTOR);
        TreePath msp = distributor.child(SampleEvents.MSP);
        TreePath customer = msp.child(SampleEvents.CUSTOMER);
        licensing.transactions.commit(List.of(
                new NewCompany(new Company(SampleEvents.DISTRIBUTOR, "Sample Distribution", CompanyKind.partner,
                        Optional.empty(), distributor, Optional.empty(), at, Optional.empty(), List.of())),
                new NewCompany(new Company(SampleEvents.MSP, "Sample MSP", CompanyKind.partner,
                        Optional.of(SampleEvents.DISTRIBUTOR), msp, Optional.empty(), at, Optional.empty(), List.of())),
                new NewCompany(new Company(SampleEvents.CUSTOMER, "Sample Customer", CompanyKind.customer,
                        Optional.of(SampleEvents.MSP), customer, Optional.of(Plan.premium), at, Optional.empty(),
                        List.of(new Manager(new UserId("01JDEMOCUSTMANAGER00000000"), MANAGER, "Ada Admin"))))),
                Optional.empty());
    }
}

package com.partnerchannel.licensing.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerchannel.licensing.aws.AwsCalls;
import com.partnerchannel.licensing.config.Notifications;
import com.partnerchannel.licensing.functions.notifier.NotifierHandler;
import com.partnerchannel.licensing.testing.LocalDynamoDb;
import com.partnerchannel.licensing.testing.Loopback;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
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
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The notifier given bus events as EventBridge delivers them, sending through the real SES v2 client
 * to a loopback endpoint that records each SendEmail request.
 */
class NotifierIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Tenants tenants = new Tenants();
    private final Loopback ses = new Loopback(request -> new Loopback.Answer(200, "{\"MessageId\":\"m-" + System.nanoTime() + "\"}"));
    private final AwsCalls client = AwsCalls.builder(AwsCalls.Service.SES_V2).endpoint(ses.uri()).region(Region.US_EAST_1)
            .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build();
    private final NotifierHandler handler = new NotifierHandler(Notifications.notifying(LocalDynamoDb.client(),
            tenants.table, client, "licences@partnerchannel.example", "https://portal.example.com", tenants.clock));

    @AfterEach
    void stop() {
        ses.close();
    }

    @Test
    void anOrderRequestEmailsTheParentPartnersManagersOnceEvenWhenTheEventComesTwice() throws Exception {
        Tenants.Tenant msp = tenants.anMspUnder(tenants.aDistributor());
        Tenants.Tenant customer = tenants.aCustomerUnder(msp);
        tenants.anOrderFor(customer, 25);
        Map<String, Object> event = busEvent("OrderRequested");

        handler.handleRequest(event, null);
        Map<String, Object> again = handler.handleRequest(event, null);

        assertThat(ses.requests).hasSize(1);
        Loopback.Request request = ses.requests.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v2/email/outbound-emails");
        JsonNode email = JSON.readTree(request.body());
        String mspManager = msp.json().path("managers").path(0).path("email").asText();
        String name = customer.json().path("name").asText();
        assertThat(email.path("FromEmailAddress").asText()).isEqualTo("licences@partnerchannel.example");
        assertThat(email.path("Destination").path("ToAddresses").get(0).asText()).isEqualTo(mspManager);
        assertThat(email.path("Destination").path("ToAddresses")).hasSize(1);
        JsonNode simple = email.path("Content").path("Simple");
        assertThat(simple.path("Subject").path("Data").asText()).isEqualTo(name + " requested 25 licences");
        assertThat(simple.path("Body").path("Text").path("Data").asText()).contains(name).contains("25")
                .contains("https://portal.example.com/orders/");
        assertThat(simple.path("Body").path("Html").path("Data").asText()).contains("<a href=\"https://portal.example.com/orders/");
        assertThat(again.get("sent")).isEqualTo(List.of());
        assertThat(again.get("sentBefore")).isEqualTo(List.of(mspManager));
    }

    @Test
    void anAssignmentEmailsTheCustomersManagersThatLicencesAreReady() throws Exception {
        Tenants.Tenant msp = tenants.anMspUnder(tenants.aDistributor());
        Tenants.Tenant customer = tenants.aCustomerUnder(msp);
        String orderId = tenants.anOrderFor(customer, 7);
        assertThat(tenants.api.post(msp.manager(), "/orders/" + orderId + "/assign", null).status()).isEqualTo(200);

        handler.handleRequest(busEvent("OrderAssigned"), null);

        JsonNode email = JSON.readTree(ses.requests.get(0).body());
        assertThat(email.path("Destination").path("ToAddresses").get(0).asText())
                .isEqualTo(customer.json().path("managers").path(0).path("email").asText());
        assertThat(email.path("Content").path("Simple").path("Subject").path("Data").asText())
                .isEqualTo("7 licences ready to allocate for " + customer.json().path("name").asText());
        assertThat(email.path("Content").path("Simple").path("Body").path("Text").path("Data").asText())
                .contains("https://portal.example.com/companies/" + customer.companyId() + "/licences");
    }

    @Test
    void aFailedSendFailsTheInvocationLeavesNoSentRecordAndTheRetrySendsItOnce() {
        Tenants.Tenant msp = tenants.anMspUnder(tenants.aDistributor());
        tenants.anOrderFor(tenants.aCustomerUnder(msp), 3);
        Map<String, Object> event = busEvent("OrderRequested");
        ses.answer = request -> new Loopback.Answer(500, "{\"message\":\"internal\"}");

        assertThatThrownBy(() -> handler.handleRequest(event, null)).isInstanceOf(RuntimeException.class);
        assertThat(sentEmailItems()).isEmpty();

        ses.answer = request -> new Loopback.Answer(200, "{\"MessageId\":\"m-ok\"}");
        int before = ses.requests.size();
        handler.handleRequest(event, null);
        handler.handleRequest(event, null);

        assertThat(ses.requests.size() - before).isEqualTo(1);
        assertThat(sentEmailItems()).singleElement().satisfies(item -> {
            assertThat(item.get("status").s()).isEqualTo("sent");
            assertThat(item.get("messageId").s()).isEqualTo("m-ok");
        });
    }

    @Test
    void textStoredBeforeItWasCheckedReachesSesAsOneLineSubjectAndAQuotedNote() throws Exception {
        Tenants.Tenant msp = tenants.anMspUnder(tenants.aDistributor());
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("eventId", "01OLDEVENT");
        detail.put("companyId", "01OLDCUSTOMER");
        detail.put("companyName", "Evil\r\nBcc: attacker@evil.test");
        detail.put("parentId", msp.companyId());
        detail.put("orderId", "01OLDORDER");
        detail.put("quantity", 1);
        detail.put("kind", "new");
        detail.put("requestedAt", "2026-03-01T09:00:00Z");
        detail.put("purchaseOrderRef", "PO-7\nURGENT: log in at https://evil.example/x");
        detail.put("note", "Thanks!\nURGENT: log in at https://evil.example/y");
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("detail-type", "OrderRequested");
        event.put("source", "partnerchannel.licensing");
        event.put("detail", detail);

        handler.handleRequest(event, null);

        JsonNode simple = JSON.readTree(ses.requests.get(0).body()).path("Content").path("Simple");
        assertThat(simple.path("Subject").path("Data").asText())
                .isEqualTo("Evil Bcc: attacker@evil.test requested 1 licences");
        String text = simple.path("Body").path("Text").path("Data").asText();
        assertThat(text.lines()).noneMatch(line -> line.startsWith("URGENT"));
        assertThat(text).contains("(purchase order PO-7 URGENT: log in at https://evil.example/x)")
                .contains("""
                        Note from the requester at Evil Bcc: attacker@evil.test (their words, not ours):
                        > Thanks!
                        > URGENT: log in at https://evil.example/y
                        """);
        assertThat(simple.path("Body").path("Html").path("Data").asText())
                .contains("<blockquote>").doesNotContain("\r").doesNotContain("<p>URGENT");
    }

    @Test
    void aManagersAddressStoredBeforeItWasCheckedIsLeftOutAndTheOthersStillHearOfIt() throws Exception {
        CompanyId customer = new CompanyId("01OLDCUSTOMER");
        tenants.licensing.transactions.commit(List.of(new NewCompany(new Company(customer, "Old Customer",
                CompanyKind.customer, Optional.empty(), TreePath.root(customer), Optional.of(Plan.premium),
                tenants.clock.instant(), Optional.empty(), List.of(
                        new Manager(new UserId("01OLDLOOKALIKE"), "it\u200B@old.test", "Look Alike"),
                        new Manager(new UserId("01OLDBREAK"), "it@old.test\r\nBcc: attacker@evil.test", "Line Break"),
                        new Manager(new UserId("01OLDMANAGER"), "it@old.test", "Ada Admin"))))), Optional.empty());
        Map<String, Object> detail = new LinkedHashMap<>(Map.of("eventId", "01OLDEVENT", "companyId", customer.value(),
                "companyName", "Old Customer", "seats", 3, "startsAt", "2026-03-01T09:00:00Z",
                "expiresAt", "2027-03-01T09:00:00Z", "orderId", "01OLDORDER"));

        Map<String, Object> answer = handler.handleRequest(Map.of("detail-type", "OrderAssigned", "detail", detail), null);

        assertThat(answer.get("sent")).isEqualTo(List.of("it@old.test"));
        assertThat(ses.requests).singleElement().satisfies(request -> assertThat(JSON.readTree(request.body())
                .path("Destination").path("ToAddresses")).containsExactly(JSON.getNodeFactory().textNode("it@old.test")));
    }

    private List<Map<String, AttributeValue>> sentEmailItems() {
        return LocalDynamoDb.snapshot(tenants.table).stream()
                .filter(item -> item.get("SK").s().startsWith("EMAIL_SENT#")).toList();
    }

    /** The outbox event of this type, as the bus rule hands it to the notifier. */
    private Map<String, Object> busEvent(String type) {
        Map<String, AttributeValue> item = LocalDynamoDb.snapshot(tenants.table).stream()
                .filter(i -> i.get("SK").s().startsWith("EVENT#") && i.get("eventType").s().equals(type))
                .findFirst().orElseThrow();
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> detail = new LinkedHashMap<>(JSON.readValue(item.get("detail").s(), Map.class));
            detail.put("eventId", item.get("eventId").s());
            detail.put("companyId", item.get("companyId").s());
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("version", "0");
            event.put("id", "bus-" + item.get("eventId").s());
            event.put("detail-type", type);
            event.put("source", "partnerchannel.licensing");
            event.put("detail", detail);
            return event;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

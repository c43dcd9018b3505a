package com.partnerchannel.licensing.api;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerchannel.licensing.aws.AwsCalls;
import com.partnerchannel.licensing.config.EventPublishing;
import com.partnerchannel.licensing.config.Notifications;
import com.partnerchannel.licensing.functions.notifier.NotifierHandler;
import com.partnerchannel.licensing.functions.publisher.EventPublisherHandler;
import com.partnerchannel.licensing.testing.InProcessApi;
import com.partnerchannel.licensing.testing.LocalDynamoDb;
import com.partnerchannel.licensing.testing.Loopback;
import com.partnerchannel.licensing.testing.SamTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ordering on company creation (issue 17): a partner creates a premium customer with its initial order,
 * and the licences are ready when the company is. The emails are those the table's stream leads to, as
 * AWS delivers them: the publisher puts the outbox events on a loopback EventBridge, the notifier rule's
 * events (its detail-types, read from template.yaml) go to the notifier, which sends through a loopback SES.
 */
class InitialOrderIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Tenants tenants = new Tenants();
    private final Tenants.Tenant msp = tenants.anMspUnder(tenants.aDistributor());
    private final Mail mail = new Mail();

    @AfterEach
    void stop() {
        mail.close();
    }

    @Test
    void aPremiumCustomerCreatedWithAnOrderOfSevenHasItsLicencesReadyAndItsTwoManagersSeated() {
        InProcessApi.Response created = tenants.api.post(msp.manager(), "/companies", initech(7, "premium"), "create-initech");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode company = created.json();
        String companyId = company.path("companyId").asText();
        assertThat(company.path("plan").asText()).isEqualTo("premium");
        assertThat(company.path("managers")).hasSize(2)
                .allSatisfy(manager -> assertThat(manager.path("licenceStatus").asText()).isEqualTo("active"));
        JsonNode order = company.path("initialOrder");
        String orderId = order.path("orderId").asText();
        String poolId = order.path("poolId").asText();
        assertThat(order.path("status").asText()).isEqualTo("assigned");
        assertThat(order.path("quantity").asInt()).isEqualTo(7);
        assertThat(order.path("purchaseOrderRef").asText()).isEqualTo("PO-2211");
        assertThat(poolId).hasSize(26);

        JsonNode licences = tenants.api.get(msp.manager(), "/companies/" + companyId + "/licences").json();
        assertThat(licences.path("pools")).singleElement().satisfies(pool -> {
            assertThat(pool.path("poolId").asText()).isEqualTo(poolId);
            assertThat(pool.path("orderId").asText()).isEqualTo(orderId);
            assertThat(pool.path("seats").asInt()).isEqualTo(7);
            assertThat(pool.path("allocated").asInt()).isEqualTo(2);
            assertThat(pool.path("available").asInt()).isEqualTo(5);
            assertThat(pool.path("startsAt").asText()).isEqualTo("2026-03-01T09:00:00Z");
            assertThat(pool.path("expiresAt").asText()).isEqualTo("2027-03-01T09:00:00Z");
        });
        assertThat(licences.path("counts").path("active").asInt()).isEqualTo(2);
        assertThat(licences.path("counts").path("unlicensed").asInt()).isZero();
        JsonNode learners = tenants.api.get(msp.manager(), "/companies/" + companyId + "/learners?licenceStatus=active")
                .json().path("items");
        assertThat(learners).hasSize(2).allSatisfy(learner -> {
            assertThat(learner.path("role").asText()).isEqualTo("manager");
            assertThat(learner.path("poolId").asText()).isEqualTo(poolId);
        });

        // Its history: requested and assigned by the partner's manager, at the creation.
        JsonNode stored = tenants.api.get(msp.manager(), "/orders/" + orderId).json();
        assertThat(stored.path("status").asText()).isEqualTo("assigned");
        assertThat(stored.path("requestedBy").asText()).isEqualTo(msp.manager().userId().value());
        assertThat(stored.path("assignedBy").asText()).isEqualTo(msp.manager().userId().value());
        assertThat(stored.path("requestedAt").asText()).isEqualTo("2026-03-01T09:00:00Z");
        assertThat(stored.path("assignedAt").asText()).isEqualTo("2026-03-01T09:00:00Z");
        assertThat(outboxTypes(companyId)).containsExactlyInAnyOrder("OrderRequested", "OrderAssigned");
        assertThat(tenants.api.get(msp.manager(), "/orders?status=requested").json().path("items")).isEmpty();

        mail.deliver();

        List<String> customerManagers = List.of("bill@initech.test", "peter@initech.test");
        assertThat(mail.sent()).extracting(Mail.Sent::to).containsExactlyInAnyOrderElementsOf(customerManagers);
        assertThat(mail.sent()).extracting(Mail.Sent::subject).containsOnly("5 licences ready to allocate for Initech");
        assertThat(mail.sent()).extracting(Mail.Sent::to)
                .doesNotContain(msp.json().path("managers").path(0).path("email").asText());

        // The same request again with the same key: the first answer, and nothing more written or sent.
        List<Map<String, AttributeValue>> before = LocalDynamoDb.snapshot(tenants.table);
        InProcessApi.Response repeat = tenants.api.post(msp.manager(), "/companies", initech(7, "premium"), "create-initech");

        assertThat(repeat.status()).isEqualTo(201);
        assertThat(repeat.headers()).containsEntry("Idempotent-Replayed", "true");
        assertThat(repeat.body()).isEqualTo(created.body());
        assertThat(new HashSet<>(LocalDynamoDb.snapshot(tenants.table))).isEqualTo(new HashSet<>(before));
        mail.deliver();
        assertThat(mail.sent()).hasSize(2);
    }

    @Test
    void anInitialOrderForATrialCustomerIsRefusedWithTheReasonAndNothingIsWritten() {
        List<Map<String, AttributeValue>> before = LocalDynamoDb.snapshot(tenants.table);

        InProcessApi.Response refused = tenants.api.post(msp.manager(), "/companies", initech(7, "trial"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("errors")).singleElement().satisfies(error -> {
            assertThat(error.path("field").asText()).isEqualTo("initialOrder");
            assertThat(error.path("message").asText()).contains("trial company needs no order").contains("upgrade");
        });
        assertThat(new HashSet<>(LocalDynamoDb.snapshot(tenants.table))).isEqualTo(new HashSet<>(before));
    }

    @Test
    void withFewerLicencesThanManagersTheFirstNamedTakeTheSeatsAndTheOthersAreUnlicensed() {
        InProcessApi.Response created = tenants.api.post(msp.manager(), "/companies", initech(1, "premium"));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("managers")).extracting(m -> m.path("email").asText() + " " + m.path("licenceStatus").asText())
                .containsExactly("bill@initech.test active", "peter@initech.test unlicensed");
        JsonNode licences = tenants.api.get(msp.manager(), "/companies/" + created.json().path("companyId").asText()
                + "/licences").json();
        assertThat(licences.path("pools").path(0).path("allocated").asInt()).isEqualTo(1);
        assertThat(licences.path("counts").path("unlicensed").asInt()).isEqualTo(1);
    }

    @Test
    void withoutAnInitialOrderTheMessageToAssignStillGoesToThePartner() {
        Tenants.Tenant customer = tenants.aCustomerUnder(msp);
        tenants.anOrderFor(customer, 3);

        mail.deliver();

        assertThat(mail.sent()).singleElement().satisfies(email -> {
            assertThat(email.to()).isEqualTo(msp.json().path("managers").path(0).path("email").asText());
            assertThat(email.subject()).endsWith("requested 3 licences");
        });
    }

    private static Map<String, Object> initech(int quantity, String plan) {
        return Map.of("name", "Initech", "kind", "customer", "plan", plan,
                "managers", List.of(Map.of("email", "bill@initech.test", "name", "Bill Lumbergh"),
                        Map.of("email", "peter@initech.test", "name", "Peter Gibbons")),
                "initialOrder", Map.of("quantity", quantity, "purchaseOrderRef", "PO-2211"));
    }

    private List<String> outboxTypes(String companyId) {
        return LocalDynamoDb.snapshot(tenants.table).stream()
                .filter(item -> item.get("SK").s().startsWith("EVENT#") && item.get("companyId").s().equals(companyId))
                .map(item -> item.get("eventType").s()).toList();
    }

    /** The stream, the publisher, the bus rule of the notifier and SES, each on loopback; what SES was asked to send. */
    private final class Mail implements AutoCloseable {
        record Sent(String to, String subject) {
        }

        private final Loopback bus = new Loopback(request -> new Loopback.Answer(200, accepted(request)));
        private final Loopback ses = new Loopback(request -> new Loopback.Answer(200, "{\"MessageId\":\"m-" + System.nanoTime() + "\"}"));
        private final EventPublisherHandler publisher = new EventPublisherHandler(EventPublishing.publishing(
                AwsCalls.builder(AwsCalls.Service.EVENTBRIDGE).endpoint(bus.uri()).region(Region.US_EAST_1).credentials(LOCAL).build(), "licensing-test-bus",
                LocalDynamoDb.client(), tenants.table, tenants.clock));
        private final NotifierHandler notifier = new NotifierHandler(Notifications.notifying(LocalDynamoDb.client(),
                tenants.table, AwsCalls.builder(AwsCalls.Service.SES_V2).endpoint(ses.uri()).region(Region.US_EAST_1)
                        .credentials(LOCAL).build(),
                "licences@partnerchannel.example", "https://portal.example.com", tenants.clock));
        private final Set<String> notifierTypes = notifierDetailTypes();
        private final Set<String> streamed = new HashSet<>();
        private int published;

        /** The stream records not delivered yet go through the publisher; the bus hands the notifier its events. */
        void deliver() {
            DynamodbEvent batch = EventPublisherIT.streamOf(tenants.table);
            batch.setRecords(batch.getRecords().stream().filter(r -> streamed.add(r.getDynamodb().getSequenceNumber())).toList());
            assertThat(publisher.handleRequest(batch, null).getBatchItemFailures()).isEmpty();
            List<Loopback.Request> puts = bus.requests.subList(published, bus.requests.size());
            published = bus.requests.size();
            for (Loopback.Request put : List.copyOf(puts)) {
                for (JsonNode entry : read(put.body()).path("Entries")) {
                    if (!notifierTypes.contains(entry.path("DetailType").asText())) continue;
                    Map<String, Object> event = new LinkedHashMap<>();
                    event.put("detail-type", entry.path("DetailType").asText());
                    event.put("source", entry.path("Source").asText());
                    event.put("detail", JSON.convertValue(read(entry.path("Detail").asText()),
                            new TypeReference<Map<String, Object>>() {
                            }));
                    notifier.handleRequest(event, null);
                }
            }
        }

        List<Sent> sent() {
            List<Sent> sent = new ArrayList<>();
            for (Loopback.Request request : ses.requests) {
                JsonNode email = read(request.body());
                email.path("Destination").path("ToAddresses").forEach(to -> sent.add(new Sent(to.asText(),
                        email.path("Content").path("Simple").path("Subject").path("Data").asText())));
            }
            return sent;
        }

        @Override
        public void close() {
            bus.close();
            ses.close();
        }

        private static Set<String> notifierDetailTypes() {
            Set<String> types = new HashSet<>();
            SamTemplate.load().json().path("Resources").path("NotifierFunction").path("Properties").path("Events")
                    .forEach(source -> source.path("Properties").path("Pattern").path("detail-type")
                            .forEach(type -> types.add(type.asText())));
            assertThat(types).as("the notifier's bus rule in template.yaml").contains("OrderRequested", "OrderAssigned");
            return types;
        }

        private static String accepted(Loopback.Request request) {
            int n = read(request.body()).path("Entries").size();
            StringBuilder entries = new StringBuilder();
            for (int i = 0; i < n; i++) entries.append(i == 0 ? "" : ",").append("{\"EventId\":\"e").append(i).append("\"}");
            return "{\"FailedEntryCount\":0,\"Entries\":[" + entries + "]}";
        }
    }

    private static final StaticCredentialsProvider LOCAL =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

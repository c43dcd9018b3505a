package com.partnerchannel.licensing.dynamodb;

import com.partnerchannel.licensing.allocation.model.LearnerSource;
import com.partnerchannel.licensing.allocation.model.LearnerRole;
import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.allocation.model.LearnerLicence;
import com.partnerchannel.licensing.testing.LocalDynamoDb;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.UserId;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What matching a file's emails reads (docs/data-model.md, "Matching a file's emails to learners"): a file naming
 * most of a company reads each user once, page by page, and no key; a few emails of a large company cost one
 * small page, then two keys at most per email. Counted on the client, so the counts are the requests sent.
 */
class DynamoLearnersWithEmailsIT {
    private static final CompanyId COMPANY = new CompanyId("01JCUSTOMER000000000000000");
    private static final Instant NOW = Instant.parse("2026-03-14T09:00:00Z");
    private static final int USERS = 1_234;

    private final Map<String, Long> counts = new TreeMap<>();
    private final double[] readUnits = {0};
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger mostInFlight = new java.util.concurrent.atomic.AtomicInteger();
    /** The company of {@link #USERS} users the first two tests read and neither changes: written once for the class. */
    private static String usersTable;
    private static List<Learner> users;
    private String table;
    private DynamoLearners learners;

    @Test
    void aFileNamingMostOfTheCompanyReadsEachUserOncePageByPageAndNoKey() {
        List<Learner> stored = aCompanyOfUsers();
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) emails.add("learner" + i + "@acme.test");
        for (int i = 0; i < 100; i++) emails.add("nobody" + i + "@acme.test");
        counts.clear();

        List<LearnerLicence> found = new ArrayList<>();
        learners.withEmails(COMPANY, emails, found::add);

        assertThat(found).extracting(LearnerLicence::learnerId).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(stored.subList(0, 1_000).stream().map(Learner::learnerId).toList());
        assertThat(found).contains(stored.get(7).licence());
        // 1,100 emails: a page of 1,100 users finds 1,000, then pages of 100 (the fewest) until the users end.
        assertThat(counts).containsEntry("Query", 3L).containsEntry("Query items", (long) USERS)
                .doesNotContainKey("BatchGetItem");
        // Only what the analysis needs comes back: key, id, email and licence, not the names and the index keys.
        assertThat(counts.get("Query attributes, most in an item")).isLessThanOrEqualTo(6L);
        // Each user read once, for 1,100 rows: ~1.1 users and, at 7 or more users a read unit, under 0.2 units a row.
        assertThat(counts.get("Query items")).isLessThanOrEqualTo(2L * emails.size());
    }

    @Test
    void aFewEmailsOfALargeCompanyCostOneSmallPageThenTwoKeysAtMostPerEmail() {
        List<Learner> stored = aCompanyOfUsers();
        List<String> emails = List.of("learner1231@acme.test", "learner1232@acme.test", "learner1233@acme.test",
                "nobody@acme.test");
        counts.clear();

        List<LearnerLicence> found = new ArrayList<>();
        learners.withEmails(COMPANY, emails, found::add);

        assertThat(found).extracting(LearnerLicence::learnerId).containsExactlyInAnyOrderElementsOf(
                stored.subList(1_231, USERS).stream().map(Learner::learnerId).toList());
        // The first 100 users hold none of them: the claims by key (4), then the learners claimed (3).
        assertThat(counts).containsEntry("Query", 1L).containsEntry("Query items", 100L)
                .containsEntry("BatchGetItem", 2L).containsEntry("BatchGetItem keys", 7L);
        assertThat(counts.get("BatchGetItem keys")).isLessThanOrEqualTo(2L * emails.size());
    }

    @Test
    void mostOfALargeCompanyNamedByEmailOrByIdIsReadInSegmentsAtOnceEachUserOnceAndAFewIdsByKey() {
        List<Learner> stored = aLargeCompanyOfUsersInBands();
        double oneAfterAnother = unitsReadingEveryUserPageByPage();

        // A file naming every user, and 100 emails nobody has.
        List<String> emails = new ArrayList<>(stored.stream().map(Learner::emailNormalised).toList());
        for (int i = 0; i < 100; i++) emails.add("nobody" + i + "@acme.test");
        List<LearnerLicence> found = new ArrayList<>();
        counted(() -> learners.withEmails(COMPANY, emails, found::add));

        assertThat(found).extracting(LearnerLicence::learnerId).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(stored.stream().map(Learner::learnerId).toList());
        // Every user read once, by pages read at the same time, and no key.
        assertThat(counts).containsEntry("Query items", (long) stored.size()).doesNotContainKey("BatchGetItem");
        assertThat(mostInFlight.get()).isGreaterThan(1);
        // The same read units as one page after another, but for at most one unit of rounding per request.
        assertThat(readUnits[0]).isLessThanOrEqualTo(oneAfterAnother + counts.get("Query"));

        // A renewal naming 80 % of them, and an id nobody has.
        List<UserId> ids = new ArrayList<>(stored.subList(0, 1_440).stream().map(Learner::learnerId).toList());
        ids.add(new UserId("01JNOBODY00000000000000000"));
        List<Learner> renewed = new ArrayList<>();
        counted(() -> learners.withIds(COMPANY, ids, renewed::add));

        assertThat(renewed).extracting(Learner::learnerId).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(ids.subList(0, 1_440));
        assertThat(renewed).contains(stored.get(7)); // a renewal writes its learners back: read whole
        assertThat(counts).containsEntry("Query items", (long) stored.size()).doesNotContainKey("BatchGetItem");
        assertThat(mostInFlight.get()).isGreaterThan(1);
        assertThat(readUnits[0]).isLessThanOrEqualTo(oneAfterAnother + counts.get("Query"));

        // A renewal of three: by key, as a first page of 100 users would cost more.
        List<Learner> few = new ArrayList<>();
        counted(() -> learners.withIds(COMPANY, List.of(ids.get(7), ids.get(1_300), ids.get(1_440)), few::add));

        assertThat(few).containsExactlyInAnyOrder(stored.get(7), stored.get(1_300));
        assertThat(counts).containsEntry("BatchGetItem", 1L).containsEntry("BatchGetItem keys", 3L).doesNotContainKey("Query");
    }

    private void counted(Runnable read) {
        counts.clear();
        readUnits[0] = 0;
        mostInFlight.set(0);
        read.run();
    }

    /**
     * 1,800 users of about 1.7 KB (so 1 MB holds about 600 of them) whose ids lie as a company's do: two bands of
     * ULIDs made in two bulk adds months apart, and ids derived from an Idempotency-Key, spread after their K.
     */
    private List<Learner> aLargeCompanyOfUsersInBands() {
        onTable(LocalDynamoDb.freshTable());
        StoredCustomer.in(LocalDynamoDb.client(), table, COMPANY, NOW);
        java.util.Random random = new java.util.Random(15);
        String alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        List<Learner> stored = new ArrayList<>();
        for (int i = 0; i < 1_800; i++) {
            StringBuilder id = new StringBuilder(i < 600 ? "01JA0C3D5E" : i < 1_200 ? "01JT7X2M9Q" : "K");
            while (id.length() < 26) id.append(alphabet.charAt(random.nextInt(alphabet.length())));
            stored.add(Learner.newUser(new UserId(id.toString()), COMPANY, "Learner" + i + "@acme.test", "Learner",
                    "No " + i + " " + "x".repeat(800), LearnerRole.learner, LearnerSource.csv, NOW).unlicensed());
        }
        for (int from = 0; from < stored.size(); from += 40) {
            learners.add(COMPANY, stored.subList(from, Math.min(stored.size(), from + 40)), List.of(), NOW);
        }
        return stored;
    }

    /** The read units of reading every user of the company one page after the other. */
    private double unitsReadingEveryUserPageByPage() {
        DynamoDbClient client = LocalDynamoDb.client();
        double units = 0;
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> start = null;
        do {
            QueryResponse page = client.query(QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("PK = :pk AND begins_with(SK, :users)")
                    .expressionAttributeValues(Map.of(":pk", Attr.s(Keys.company(COMPANY.value())), ":users", Attr.s("USER#")))
                    .exclusiveStartKey(start)
                    .returnConsumedCapacity(software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity.TOTAL).build());
            units += page.consumedCapacity().capacityUnits();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return units;
    }

    private List<Learner> aCompanyOfUsers() {
        synchronized (DynamoLearnersWithEmailsIT.class) {
            if (users == null) {
                onTable(LocalDynamoDb.freshTable());
        StoredCustomer.in(LocalDynamoDb.client(), table, COMPANY, NOW);
                List<Learner> stored = new ArrayList<>();
                for (int i = 0; i < USERS; i++) {
                    stored.add(Learner.newUser(new UserId(String.format("L%05d", i)), COMPANY, "Learner" + i + "@acme.test",
                            "Learner", "No " + i, LearnerRole.learner, LearnerSource.csv, NOW).unlicensed());
                }
                for (int from = 0; from < stored.size(); from += 40) {
                    learners.add(COMPANY, stored.subList(from, Math.min(stored.size(), from + 40)), List.of(), NOW);
                }
                usersTable = table;
                users = List.copyOf(stored);
            }
        }
        onTable(usersTable);
        return users;
    }

    /** The learners of this table, through the counting client. */
    private void onTable(String name) {
        table = name;
        learners = new DynamoLearners(counting(LocalDynamoDb.client()), name);
    }

    /** The client, counting Query and BatchGetItem requests, the users pages returned and the keys asked. */
    private DynamoDbClient counting(DynamoDbClient client) {
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[]{DynamoDbClient.class}, (proxy, method, args) -> {
                    // A builder overload builds the request and calls the proxy again with it.
                    if (args != null && args.length == 1 && args[0] instanceof java.util.function.Consumer<?>) {
                        return InvocationHandler.invokeDefault(proxy, method, args);
                    }
                    Object result;
                    int reading = inFlight.incrementAndGet();
                    mostInFlight.accumulateAndGet(reading, Math::max);
                    try {
                        result = method.invoke(client, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    } finally {
                        inFlight.decrementAndGet();
                    }
                    synchronized (counts) {
                        if (args != null && args.length == 1 && args[0] instanceof QueryRequest) {
                            QueryResponse page = (QueryResponse) result;
                            counts.merge("Query", 1L, Long::sum);
                            counts.merge("Query items", (long) page.count(), Long::sum);
                            page.items().forEach(item -> counts.merge("Query attributes, most in an item",
                                    (long) item.size(), Math::max));
                            if (page.consumedCapacity() != null) readUnits[0] += page.consumedCapacity().capacityUnits();
                        } else if (args != null && args.length == 1 && args[0] instanceof BatchGetItemRequest request) {
                            counts.merge("BatchGetItem", 1L, Long::sum);
                            counts.merge("BatchGetItem keys", request.requestItems().values().stream()
                                    .mapToLong(keys -> keys.keys().size()).sum(), Long::sum);
                        }
                    }
                    return result;
                });
    }
}

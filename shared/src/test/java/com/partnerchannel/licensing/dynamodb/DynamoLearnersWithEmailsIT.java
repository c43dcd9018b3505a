package com.partnerchannel.licensing.dynamodb;

import com.partnerchannel.licensing.allocation.model.Learner;
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
    private final String table = LocalDynamoDb.freshTable();
    private final DynamoLearners learners = new DynamoLearners(counting(LocalDynamoDb.client()), table);

    @Test
    void aFileNamingMostOfTheCompanyReadsEachUserOncePageByPageAndNoKey() {
        List<Learner> stored = aCompanyOfUsers();
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) emails.add("learner" + i + "@acme.test");
        for (int i = 0; i < 100; i++) emails.add("nobody" + i + "@acme.test");
        counts.clear();

        List<Learner> found = new ArrayList<>();
        learners.withEmails(COMPANY, emails, found::add);

        assertThat(found).extracting(Learner::learnerId).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(stored.subList(0, 1_000).stream().map(Learner::learnerId).toList());
        // 1,100 emails: a page of 1,100 users finds 1,000, then pages of 100 (the fewest) until the users end.
        assertThat(counts).containsEntry("Query", 3L).containsEntry("Query items", (long) USERS)
                .doesNotContainKey("BatchGetItem");
        // Each user read once, for 1,100 rows: ~1.1 users and, at 7 or more users a read unit, under 0.2 units a row.
        assertThat(counts.get("Query items")).isLessThanOrEqualTo(2L * emails.size());
    }

    @Test
    void aFewEmailsOfALargeCompanyCostOneSmallPageThenTwoKeysAtMostPerEmail() {
        List<Learner> stored = aCompanyOfUsers();
        List<String> emails = List.of("learner1231@acme.test", "learner1232@acme.test", "learner1233@acme.test",
                "nobody@acme.test");
        counts.clear();

        List<Learner> found = new ArrayList<>();
        learners.withEmails(COMPANY, emails, found::add);

        assertThat(found).extracting(Learner::learnerId).containsExactlyInAnyOrderElementsOf(
                stored.subList(1_231, USERS).stream().map(Learner::learnerId).toList());
        // The first 100 users hold none of them: the claims by key (4), then the learners claimed (3).
        assertThat(counts).containsEntry("Query", 1L).containsEntry("Query items", 100L)
                .containsEntry("BatchGetItem", 2L).containsEntry("BatchGetItem keys", 7L);
        assertThat(counts.get("BatchGetItem keys")).isLessThanOrEqualTo(2L * emails.size());
    }

    private List<Learner> aCompanyOfUsers() {
        List<Learner> stored = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            stored.add(Learner.newUser(new UserId(String.format("L%05d", i)), COMPANY, "Learner" + i + "@acme.test",
                    "Learner", "No " + i, Learner.LEARNER, "csv", NOW).unlicensed());
        }
        for (int from = 0; from < stored.size(); from += 40) {
            learners.add(COMPANY, stored.subList(from, Math.min(stored.size(), from + 40)), List.of(), NOW);
        }
        return stored;
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
                    try {
                        result = method.invoke(client, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    synchronized (counts) {
                        if (args != null && args.length == 1 && args[0] instanceof QueryRequest) {
                            counts.merge("Query", 1L, Long::sum);
                            counts.merge("Query items", (long) ((QueryResponse) result).count(), Long::sum);
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

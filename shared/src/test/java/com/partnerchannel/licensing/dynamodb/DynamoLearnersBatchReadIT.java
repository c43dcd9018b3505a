package com.partnerchannel.licensing.dynamodb;

import com.partnerchannel.licensing.allocation.model.LearnerSource;
import com.partnerchannel.licensing.allocation.model.LearnerRole;
import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.testing.LocalDynamoDb;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.UserId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads of many learners at once: requests of 100 keys, several in flight, every key answered. */
class DynamoLearnersBatchReadIT {
    private static final CompanyId COMPANY = new CompanyId("01JCUSTOMER000000000000000");
    private static final Instant NOW = Instant.parse("2026-03-14T09:00:00Z");

    private final String table = LocalDynamoDb.freshTable();
    private final DynamoLearners learners = new DynamoLearners(LocalDynamoDb.client(), table);

    @Test
    void thousandsOfIdsAndEmailsAreReadAcrossManyParallelRequestsWithNoneLostOrInvented() {
        List<Learner> stored = new ArrayList<>();
        for (int i = 0; i < 1_234; i++) {
            stored.add(Learner.newUser(new UserId(String.format("L%05d", i)), COMPANY, "learner" + i + "@acme.test",
                    "Learner", "No " + i, LearnerRole.learner, LearnerSource.csv, NOW).unlicensed());
        }
        StoredCustomer.in(LocalDynamoDb.client(), table, COMPANY, NOW);
        for (int from = 0; from < stored.size(); from += 40) {
            learners.add(COMPANY, stored.subList(from, Math.min(stored.size(), from + 40)), List.of(), NOW);
        }
        List<UserId> ids = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) { // 266 of them unknown, and a few asked twice
            ids.add(new UserId(String.format("L%05d", i)));
            emails.add("learner" + i + "@acme.test");
        }
        ids.add(new UserId("L00007"));
        emails.add("learner7@acme.test");

        List<Learner> found = learners.getAll(COMPANY, ids);
        Map<String, UserId> known = learners.existingEmails(COMPANY, emails);

        assertThat(found).hasSize(1_234);
        assertThat(found).extracting(l -> l.learnerId().value()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(stored.stream().map(l -> l.learnerId().value()).toList());
        assertThat(known).hasSize(1_234).containsEntry("learner1233@acme.test", new UserId("L01233"))
                .doesNotContainKey("learner1234@acme.test");
    }
}

package com.partnerchannel.licensing.dynamodb;

import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.allocation.model.LearnerRole;
import com.partnerchannel.licensing.allocation.model.LearnerSource;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.UserId;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A user's role and source are stored as the same strings the API shows; a stored value of neither is refused by name. */
class LearnerItemsTest {
    private static final Learner BO = Learner.newUser(new UserId("01JBO000000000000000000000"), new CompanyId("C1"),
            "bo@acme.test", "Bo", "Bell", LearnerRole.manager, LearnerSource.directory, Instant.parse("2026-01-02T03:04:05Z"));

    @Test
    void roleAndSourceAreStoredByTheirNamesAndReadBack() {
        Map<String, AttributeValue> item = LearnerItems.toItem(BO);
        assertThat(item.get("role").s()).isEqualTo("manager");
        assertThat(item.get("source").s()).isEqualTo("directory");
        assertThat(LearnerItems.fromItem(item)).isEqualTo(BO);
        for (LearnerRole role : LearnerRole.values()) {
            for (LearnerSource source : LearnerSource.values()) {
                Learner learner = Learner.newUser(BO.learnerId(), BO.companyId(), BO.email(), "Bo", "Bell", role, source,
                        BO.createdAt());
                assertThat(LearnerItems.fromItem(LearnerItems.toItem(learner))).isEqualTo(learner);
            }
        }
    }

    @Test
    void anItemWithARoleOrSourceOfNoUserIsRefusedNamingIt() {
        Map<String, AttributeValue> admin = new HashMap<>(LearnerItems.toItem(BO));
        admin.put("role", AttributeValue.fromS("platform_admin"));
        assertThatThrownBy(() -> LearnerItems.fromItem(admin)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("USER#01JBO000000000000000000000").hasMessageContaining("role 'platform_admin'");
        Map<String, AttributeValue> scim = new HashMap<>(LearnerItems.toItem(BO));
        scim.put("source", AttributeValue.fromS("Directory"));
        assertThatThrownBy(() -> LearnerItems.fromItem(scim)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("source 'Directory'");
    }
}

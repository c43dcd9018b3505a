package com.partnerchannel.licensing.http;

import com.partnerchannel.licensing.allocation.model.LearnerSource;
import com.partnerchannel.licensing.allocation.model.LearnerRole;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerchannel.licensing.allocation.application.Renewal;
import com.partnerchannel.licensing.allocation.application.RenewingLicences;
import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.allocation.model.LicenceStatus;
import com.partnerchannel.licensing.allocation.model.LicenceType;
import com.partnerchannel.licensing.common.PoolId;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.CompanyKind;
import com.partnerchannel.licensing.tenancy.model.Plan;
import com.partnerchannel.licensing.tenancy.model.TreePath;
import com.partnerchannel.licensing.tenancy.model.UserId;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The answer to a renewal fits Lambda's 6 MB response at the largest renewal allowed. */
class RenewalViewTest {
    private static final int LAMBDA_RESPONSE_LIMIT = 6 * 1024 * 1024;
    private static final CompanyId COMPANY = new CompanyId("01JCUSTOMER000000000000000");
    private static final Company CUSTOMER = new Company(COMPANY, "Acme", CompanyKind.customer, Optional.empty(),
            TreePath.root(COMPANY), Optional.of(Plan.premium), Instant.parse("2026-01-01T00:00:00Z"), Optional.empty(),
            List.of());

    @Test
    void renewingTheMostLearnersOneCallAllowsAnswersUnderSixMegabytesWithEveryLearnerNamed() throws Exception {
        int total = RenewingLicences.MAX_LEARNERS;
        List<Learner> renewed = new ArrayList<>();
        List<Renewal.Skipped> skipped = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            UserId id = new UserId(String.format("01JLEARNER%016d", i));
            if (i % 10 == 0) skipped.add(new Renewal.Skipped(id, "already active"));
            else renewed.add(learner(id, i % 3 == 0 ? "01JPOOLA000000000000000000" : "01JPOOLB000000000000000000"));
        }

        String body = Json.write(Views.renewal(new Renewal(renewed, skipped), CUSTOMER));

        assertThat(body.getBytes(StandardCharsets.UTF_8).length).isLessThan(LAMBDA_RESPONSE_LIMIT);
        JsonNode view = new ObjectMapper().readTree(body);
        assertThat(view.path("renewed").asInt()).isEqualTo(90_000);
        assertThat(view.path("pools")).hasSize(2);
        int named = 0;
        for (JsonNode pool : view.path("pools")) {
            assertThat(pool.path("learnerIds")).hasSize(pool.path("renewed").asInt());
            assertThat(pool.path("expiresAt").asText()).isEqualTo("2027-06-01T00:00:00Z");
            named += pool.path("renewed").asInt();
        }
        assertThat(named).isEqualTo(90_000);
        assertThat(view.path("skipped").path(0).path("reason").asText()).isEqualTo("already active");
        assertThat(view.path("skipped").path(0).path("count").asInt()).isEqualTo(10_000);
        assertThat(view.path("skipped").path(0).path("learnerIds")).hasSize(10_000);
    }

    private static Learner learner(UserId id, String pool) {
        return new Learner(id, COMPANY, id.value().toLowerCase() + "@a-rather-long-company-domain.example", "Firstname",
                "Lastname-Lastname", LearnerRole.learner, LearnerSource.csv, Optional.of(LicenceStatus.active),
                Optional.of(LicenceType.premium), Optional.of(new PoolId(pool)),
                Optional.of(Instant.parse("2027-06-01T00:00:00Z")), Instant.parse("2026-02-01T00:00:00Z"),
                Optional.of("renewal-1"), Optional.empty(), Optional.empty());
    }
}

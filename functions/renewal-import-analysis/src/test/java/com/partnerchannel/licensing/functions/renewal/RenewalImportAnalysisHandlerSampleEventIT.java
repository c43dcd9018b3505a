package com.partnerchannel.licensing.functions.renewal;

import com.partnerchannel.licensing.allocation.model.LearnerSource;
import com.partnerchannel.licensing.allocation.model.LearnerRole;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.allocation.model.NewLearner;
import com.partnerchannel.licensing.config.Licensing;
import com.partnerchannel.licensing.config.Renewals;
import com.partnerchannel.licensing.renewal.model.ImportId;
import com.partnerchannel.licensing.renewal.model.ImportStatus;
import com.partnerchannel.licensing.renewal.model.NewRenewalImport;
import com.partnerchannel.licensing.renewal.model.NotRenewedReason;
import com.partnerchannel.licensing.renewal.model.RenewalImport;
import com.partnerchannel.licensing.s3.S3Uploads;
import com.partnerchannel.licensing.testing.LocalDynamoDb;
import com.partnerchannel.licensing.testing.LocalS3;
import com.partnerchannel.licensing.testing.MutableClock;
import com.partnerchannel.licensing.testing.SampleEvents;
import com.partnerchannel.licensing.testing.TemplateTable;
import com.partnerchannel.licensing.tenancy.model.UserId;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * events/renewal-import-analysis-s3-put.json, read as the Lambda runtime reads it for a handler that takes a
 * Map (JSON objects as maps), fed to the handler.
 */
class RenewalImportAnalysisHandlerSampleEventIT {
    private static final String BUCKET = "partner-licensing-renewal-uploads-123456789012";
    private static final String FILE = "Name,Email\r\nAda Admin,ada@sample.test\r\nNobody,nobody@sample.test\r\n";

    @Test
    void theSampleUploadEventAnalysesTheUploadedFile() throws Exception {
        MutableClock clock = MutableClock.at("2026-11-22T09:00:00Z");
        Licensing licensing = new Licensing(LocalDynamoDb.client(), LocalDynamoDb.freshTable(), clock);
        SampleEvents.seed(licensing.transactions, clock.instant());
        Learner ada = Learner.newUser(new UserId("01JDEMOLEARNERADA000000000"), SampleEvents.CUSTOMER,
                "ada@sample.test", "Ada", "Admin", LearnerRole.learner, LearnerSource.manual, clock.instant()).unlicensed();
        ImportId importId = new ImportId("01JDEMOIMPORT0000000000000");
        licensing.transactions.commit(List.of(new NewLearner(ada), new NewRenewalImport(RenewalImport.started(importId,
                SampleEvents.CUSTOMER, new UserId("01JDEMOCUSTMANAGER00000000"), clock.instant(),
                Instant.parse("2026-11-22T09:15:00Z")))), Optional.empty());
        try (LocalS3 s3 = LocalS3.start().withBucket(BUCKET); S3Client client = s3.client()) {
            client.putObject(r -> r.bucket(BUCKET).key(RenewalImport.uploadKey(SampleEvents.CUSTOMER, importId)),
                    RequestBody.fromString(FILE, StandardCharsets.UTF_8));
            Renewals renewals = new Renewals(licensing, S3Uploads.local(s3.endpoint(), s3.credentials(), BUCKET));

            List<String> outcomes = new RenewalImportAnalysisHandler(renewals).handleRequest(sample(), null);

            assertThat(outcomes).singleElement().asString().endsWith("analysed");
            RenewalImport analysed = renewals.viewing.get(SampleEvents.MSP_MANAGER, SampleEvents.CUSTOMER, importId);
            assertThat(analysed.status()).isEqualTo(ImportStatus.analysed);
            assertThat(analysed.analysis().orElseThrow().emailColumn()).isEqualTo("Email");
            assertThat(analysed.analysis().orElseThrow().toRenew()).isEqualTo(1);
            assertThat(analysed.analysis().orElseThrow().notRenewed()).containsEntry(NotRenewedReason.unknown_email, 1);
            assertThat(new RenewalImportAnalysisHandler(renewals).handleRequest(sample(), null))
                    .singleElement().asString().endsWith("already_seen");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sample() throws Exception {
        try (InputStream in = Files.newInputStream(TemplateTable.templatePath().getParent()
                .resolve("events/renewal-import-analysis-s3-put.json"))) {
            return new ObjectMapper().readValue(in, Map.class);
        }
    }
}

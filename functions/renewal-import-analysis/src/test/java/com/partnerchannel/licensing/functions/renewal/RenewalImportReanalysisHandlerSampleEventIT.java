package com.partnerchannel.licensing.functions.renewal;

import com.partnerchannel.licensing.allocation.model.LearnerSource;
import com.partnerchannel.licensing.allocation.model.LearnerRole;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.allocation.model.NewLearner;
import com.partnerchannel.licensing.config.Licensing;
import com.partnerchannel.licensing.config.Renewals;
import com.partnerchannel.licensing.dynamodb.DynamoRenewalImports;
import com.partnerchannel.licensing.renewal.model.ImportId;
import com.partnerchannel.licensing.renewal.model.ImportStatus;
import com.partnerchannel.licensing.renewal.model.NewRenewalImport;
import com.partnerchannel.licensing.renewal.model.NotRenewedReason;
import com.partnerchannel.licensing.renewal.model.Reanalysis;
import com.partnerchannel.licensing.renewal.model.RenewalImport;
import com.partnerchannel.licensing.renewal.model.Upload;
import com.partnerchannel.licensing.s3.S3Uploads;
import com.partnerchannel.licensing.testing.LocalDynamoDb;
import com.partnerchannel.licensing.testing.LocalS3;
import com.partnerchannel.licensing.testing.MutableClock;
import com.partnerchannel.licensing.testing.SampleEvents;
import com.partnerchannel.licensing.testing.TemplateTable;
import com.partnerchannel.licensing.tenancy.model.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * events/renewal-import-analysis-requested.json, the bus rule's event as Lambda delivers it, fed to the
 * analysis worker around DynamoDB Local and S3Proxy, where the sample customer's import is waiting in
 * {@code analysing} under the sample's request id, to be analysed again with its second email column.
 */
class RenewalImportReanalysisHandlerSampleEventIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SAMPLE = TemplateTable.templatePath().getParent().resolve("events")
            .resolve("renewal-import-analysis-requested.json");
    private static final String BUCKET = "renewal-uploads";
    private static final ImportId IMPORT = new ImportId("01JDEMOIMPORT0000000000000");
    private static final String FILE = "Name,Email,Backup email\r\nAda Admin,nobody@sample.test,ada@sample.test\r\n";

    private final LocalS3 s3 = LocalS3.start().withBucket(BUCKET);
    private final S3Client client = s3.client();
    private final MutableClock clock = MutableClock.at("2026-11-22T09:00:00Z");
    private final Licensing licensing = new Licensing(LocalDynamoDb.client(), LocalDynamoDb.freshTable(), clock);
    private final Renewals renewals = new Renewals(licensing, S3Uploads.local(s3.endpoint(), s3.credentials(), BUCKET));
    private final DynamoRenewalImports imports = new DynamoRenewalImports(licensing.dynamo, licensing.table);

    @AfterEach
    void stop() {
        s3.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSampleEventAnalysesTheImportAgainWithTheChosenColumnOnce() throws Exception {
        anImportAnalysedWithItsFirstEmailColumn();
        RenewalImport analysed = imports.get(SampleEvents.CUSTOMER, IMPORT).orElseThrow();
        assertThat(analysed.analysis().orElseThrow().notRenewed()).containsEntry(NotRenewedReason.unknown_email, 1);
        imports.save(analysed.analysing(new Reanalysis("01JDEMOREANALYSISREQUEST00", "Backup email",
                SampleEvents.MSP_MANAGER, clock.instant())));
        Map<String, Object> event = JSON.readValue(SAMPLE.toFile(), Map.class);

        Map<String, Object> answer = new RenewalImportReanalysisHandler(renewals).handleRequest(event, null);
        RenewalImport reanalysed = imports.get(SampleEvents.CUSTOMER, IMPORT).orElseThrow();
        Map<String, Object> redelivered = new RenewalImportReanalysisHandler(renewals).handleRequest(event, null);

        assertThat(answer).containsEntry("importId", IMPORT.value()).containsEntry("status", "analysed")
                .containsEntry("emailColumn", "Backup email");
        assertThat(reanalysed.status()).isEqualTo(ImportStatus.analysed);
        assertThat(reanalysed.analysis().orElseThrow().toRenew()).isEqualTo(1);
        assertThat(reanalysed.analysis().orElseThrow().notRenewed()).isEmpty();
        assertThat(redelivered).containsEntry("status", "analysed");
        assertThat(imports.get(SampleEvents.CUSTOMER, IMPORT).orElseThrow()).isEqualTo(reanalysed);
    }

    /** Ada, unlicensed, is in the file's backup column; the upload's own analysis picked the first one. */
    private void anImportAnalysedWithItsFirstEmailColumn() {
        SampleEvents.seed(licensing.transactions, clock.instant());
        Instant now = clock.instant();
        Learner ada = Learner.newUser(new UserId("01JDEMOLEARNERADA000000000"), SampleEvents.CUSTOMER,
                "ada@sample.test", "Ada", "Admin", LearnerRole.learner, LearnerSource.manual, now).unlicensed();
        licensing.transactions.commit(List.of(new NewLearner(ada), new NewRenewalImport(RenewalImport.started(IMPORT,
                SampleEvents.CUSTOMER, SampleEvents.MSP_MANAGER.userId(), now, now.plus(Duration.ofMinutes(15))))),
                Optional.empty());
        String key = RenewalImport.uploadKey(SampleEvents.CUSTOMER, IMPORT);
        client.putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromString(FILE));
        var head = client.headObject(r -> r.bucket(BUCKET).key(key));
        renewals.analysing.uploaded(new Upload(BUCKET, key, head.eTag().replace("\"", ""), head.contentLength()));
    }
}

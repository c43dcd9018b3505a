package com.partnerchannel.licensing.functions.renewal;

import com.partnerchannel.licensing.allocation.model.LearnerRole;
import com.partnerchannel.licensing.allocation.model.LearnerSource;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerchannel.licensing.allocation.application.AddLearners;
import com.partnerchannel.licensing.allocation.model.LicenceStatus;
import com.partnerchannel.licensing.common.Decision;
import com.partnerchannel.licensing.common.PageRequest;
import com.partnerchannel.licensing.config.Licensing;
import com.partnerchannel.licensing.config.Renewals;
import com.partnerchannel.licensing.dynamodb.DynamoRenewalImports;
import com.partnerchannel.licensing.ordering.application.RequestOrder;
import com.partnerchannel.licensing.common.OrderId;
import com.partnerchannel.licensing.renewal.model.Confirmation;
import com.partnerchannel.licensing.renewal.model.ImportId;
import com.partnerchannel.licensing.renewal.model.ImportStatus;
import com.partnerchannel.licensing.renewal.model.NewRenewalImport;
import com.partnerchannel.licensing.renewal.model.RenewalImport;
import com.partnerchannel.licensing.s3.S3Uploads;
import com.partnerchannel.licensing.testing.LocalDynamoDb;
import com.partnerchannel.licensing.testing.LocalS3;
import com.partnerchannel.licensing.testing.MutableClock;
import com.partnerchannel.licensing.testing.SampleEvents;
import com.partnerchannel.licensing.testing.TemplateTable;
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
 * events/renewal-import-confirm-requested.json, the bus rule's event as Lambda delivers it, fed to the
 * confirm worker around DynamoDB Local and S3Proxy, where the sample customer's import is waiting in
 * {@code confirming} under the sample's request id, to renew one expired learner.
 */
class RenewalImportConfirmHandlerSampleEventIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SAMPLE = TemplateTable.templatePath().getParent().resolve("events")
            .resolve("renewal-import-confirm-requested.json");
    private static final String BUCKET = "renewal-uploads";
    private static final ImportId IMPORT = new ImportId("01JDEMOIMPORT0000000000000");

    private final LocalS3 s3 = LocalS3.start().withBucket(BUCKET);
    private final S3Client client = s3.client();
    private final MutableClock clock = MutableClock.at("2025-10-01T09:00:00Z");
    private final Licensing licensing = new Licensing(LocalDynamoDb.client(), LocalDynamoDb.freshTable(), clock);
    private final Renewals renewals = new Renewals(licensing, S3Uploads.local(s3.endpoint(), s3.credentials(), BUCKET));

    @AfterEach
    void stop() {
        s3.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSampleEventRenewsTheImportsLearnerOnce() throws Exception {
        anExpiredLearnerWithAFreeSeat();
        aConfirmingImportUnderTheSamplesIds("Email\nann@sample-customer.test\n");
        Map<String, Object> event = JSON.readValue(SAMPLE.toFile(), Map.class);

        Map<String, Object> answer = new RenewalImportConfirmHandler(renewals).handleRequest(event, null);
        Map<String, Object> redelivered = new RenewalImportConfirmHandler(renewals).handleRequest(event, null);

        assertThat(answer).containsEntry("importId", IMPORT.value()).containsEntry("status", "confirmed")
                .containsEntry("renewed", 1);
        assertThat(redelivered).containsEntry("status", "confirmed").containsEntry("renewed", 1);
        assertThat(licensing.viewingLearners.list(SampleEvents.MSP_MANAGER, SampleEvents.CUSTOMER, "active", null,
                PageRequest.first(10)).page().items()).singleElement()
                .satisfies(learner -> assertThat(learner.email()).isEqualTo("ann@sample-customer.test"));
    }

    /** Ann took a seat of the sample order's pool, which expired; a second order's pool is free. */
    private void anExpiredLearnerWithAFreeSeat() {
        SampleEvents.seedAssigned(licensing);
        licensing.addingLearners.add(SampleEvents.MSP_MANAGER, SampleEvents.CUSTOMER, new AddLearners(
                List.of(new AddLearners.Valid("ann@sample-customer.test", "Ann", "Sample", LearnerRole.learner)), LearnerSource.csv), Optional.empty());
        clock.set(Instant.parse("2026-11-22T09:00:00Z"));
        OrderId second = commit(licensing.requestingOrder.request(SampleEvents.MSP_MANAGER, SampleEvents.CUSTOMER,
                RequestOrder.of(5))).orderId();
        commit(licensing.assigningOrder.assign(SampleEvents.MSP_MANAGER, second));
        assertThat(licensing.viewingLearners.list(SampleEvents.MSP_MANAGER, SampleEvents.CUSTOMER,
                LicenceStatus.expired.name(), null, PageRequest.first(10)).page().items()).hasSize(1);
    }

    /** The import the sample names, analysed from an uploaded file, then handed to the worker as a large confirm. */
    private void aConfirmingImportUnderTheSamplesIds(String csv) {
        Instant now = clock.instant();
        licensing.transactions.commit(List.of(new NewRenewalImport(RenewalImport.started(IMPORT, SampleEvents.CUSTOMER,
                SampleEvents.MSP_MANAGER.userId(), now, now.plus(Duration.ofMinutes(15))))), Optional.empty());
        String key = RenewalImport.uploadKey(SampleEvents.CUSTOMER, IMPORT);
        client.putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromString(csv));
        var head = client.headObject(r -> r.bucket(BUCKET).key(key));
        renewals.analysing.uploaded(new com.partnerchannel.licensing.renewal.model.Upload(BUCKET, key,
                head.eTag().replace("\"", ""), head.contentLength()));
        DynamoRenewalImports imports = new DynamoRenewalImports(licensing.dynamo, licensing.table);
        RenewalImport analysed = imports.get(SampleEvents.CUSTOMER, IMPORT).orElseThrow();
        assertThat(analysed.status()).isEqualTo(ImportStatus.analysed);
        imports.save(analysed.confirming(new Confirmation("01JDEMOCONFIRMREQUEST00000",
                analysed.analysis().orElseThrow().analysisId(), List.of(), SampleEvents.MSP_MANAGER, now, Optional.empty())));
    }

    private <T> T commit(Decision<T> decision) {
        licensing.transactions.commit(decision.changes(), Optional.empty());
        decision.afterCommit().run();
        return decision.result();
    }
}

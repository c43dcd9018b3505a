package com.partnerchannel.licensing.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerchannel.licensing.config.Renewals;
import com.partnerchannel.licensing.functions.renewal.RenewalImportAnalysisHandler;
import com.partnerchannel.licensing.functions.renewal.RenewalImportConfirmHandler;
import com.partnerchannel.licensing.functions.renewal.RenewalImportReanalysisHandler;
import com.partnerchannel.licensing.dynamodb.DynamoRenewalImports;
import com.partnerchannel.licensing.renewal.application.Uploads;
import com.partnerchannel.licensing.renewal.model.Confirmation;
import com.partnerchannel.licensing.renewal.model.ImportId;
import com.partnerchannel.licensing.renewal.model.RenewalImport;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.renewal.model.RenewalImportAnalysisRequested;
import com.partnerchannel.licensing.renewal.model.Row;
import com.partnerchannel.licensing.renewal.model.Upload;
import com.partnerchannel.licensing.s3.S3Uploads;
import com.partnerchannel.licensing.renewal.model.RenewalImportConfirmRequested;
import com.partnerchannel.licensing.testing.BusEvents;
import com.partnerchannel.licensing.testing.InProcessApi;
import com.partnerchannel.licensing.testing.LocalDynamoDb;
import com.partnerchannel.licensing.testing.LocalS3;
import com.partnerchannel.licensing.testing.SampleEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CSV renewal imports through the real S3 path: the pre-signed URL the API hands out, a plain HTTP PUT
 * to S3Proxy, the S3 event in the shape S3 sends it, the analysis function, then the API again.
 */
class RenewalImportsIT {
    private static final String BUCKET = "renewal-uploads";
    private static final LocalS3 S3 = LocalS3.start().withBucket(BUCKET);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /**
     * Confirms of more learners go to the confirm worker (3,000 in production), and re-analyses of larger
     * files (bytes) to the analysis worker (1 MiB in production).
     */
    private static final Renewals.Limits LIMITS = new Renewals.Limits(2, 100);

    private final S3Client s3 = S3.client();
    private Renewals renewals;
    /** How many of the next transactions DynamoDB cancels with TransactionConflict, as it does under contention. */
    private final java.util.concurrent.atomic.AtomicInteger conflictsToCome = new java.util.concurrent.atomic.AtomicInteger();
    private final Tenants tenants = new Tenants(cancellingInConflict(LocalDynamoDb.client()), licensing -> {
        renewals = new Renewals(licensing, new HookedUploads(S3Uploads.local(S3.endpoint(), S3.credentials(), BUCKET)), LIMITS);
        return new Object[]{renewals};
    });
    private final Tenants.Tenant partner = tenants.aDistributor();
    private final Tenants.Tenant customer = tenants.aCustomerUnder(partner);
    private final Map<String, String> learnerIds = new java.util.HashMap<>();
    /** Runs once, the next time an analysis' rows are read (a confirm reads them before it renews). */
    private ThrowingRunnable whileTheConfirmReadsRows;

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** The bucket, with a moment to act in while a confirm is under way. */
    private final class HookedUploads implements Uploads {
        private final Uploads bucket;

        HookedUploads(Uploads bucket) {
            this.bucket = bucket;
        }

        @Override
        public URI presignPut(String key, Duration validFor) {
            return bucket.presignPut(key, validFor);
        }

        @Override
        public Optional<Upload> head(String key) {
            return bucket.head(key);
        }

        @Override
        public LocalCopy copy(Upload upload) {
            return bucket.copy(upload);
        }

        @Override
        public void saveRows(String key, List<Row> rows) {
            bucket.saveRows(key, rows);
        }

        @Override
        public List<Row> rows(String key) {
            ThrowingRunnable hook = whileTheConfirmReadsRows;
            whileTheConfirmReadsRows = null;
            if (hook != null) {
                try {
                    hook.run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return bucket.rows(key);
        }
    }

    /** {@code real}, but the transactions {@link #conflictsToCome} counts are cancelled before they reach it. */
    private software.amazon.awssdk.services.dynamodb.DynamoDbClient cancellingInConflict(
            software.amazon.awssdk.services.dynamodb.DynamoDbClient real) {
        java.lang.reflect.InvocationHandler handler = (proxy, method, args) -> {
            if (args != null && args[0] instanceof java.util.function.Consumer<?>) {
                return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
            }
            if (args != null && args[0] instanceof software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest request
                    && conflictsToCome.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                var conflict = software.amazon.awssdk.services.dynamodb.model.CancellationReason.builder()
                        .code("TransactionConflict").message("Transaction is ongoing for the item").build();
                throw software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException.builder()
                        .message("Transaction cancelled [TransactionConflict]")
                        .cancellationReasons(java.util.Collections.nCopies(request.transactItems().size(), conflict)).build();
            }
            try {
                return method.invoke(real, args);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (software.amazon.awssdk.services.dynamodb.DynamoDbClient) java.lang.reflect.Proxy.newProxyInstance(
                software.amazon.awssdk.services.dynamodb.DynamoDbClient.class.getClassLoader(),
                new Class<?>[]{software.amazon.awssdk.services.dynamodb.DynamoDbClient.class}, handler);
    }

    @AfterAll
    static void stopS3() {
        S3.close();
    }

    @BeforeEach
    void learnersSomeExpiredSomeActive() {
        assign(3);
        add("ann@acme.test", "bob@acme.test");
        tenants.clock.advance(Duration.ofDays(400));
        assign(2);
        add("cat@acme.test", "dan@acme.test"); // active, on the new pool
    }

    @AfterEach
    void theLedgerBalances() {
        Seats.assertLedgerBalances(tenants.table);
    }

    @Test
    void aUtf8FileWithAByteOrderMarkIsAnalysedRowByRowWithAReasonForEveryRowNotRenewed() throws Exception {
        String file = "\uFEFFName,E-mail address,Notes\r\n"
                + "Ann,ANN@acme.test ,\r\n"          // row 2: expired → renew
                + "Cat,cat@acme.test,\r\n"           // row 3: active
                + "Zed,zed@elsewhere.test,\r\n"      // row 4: unknown
                + "Ann again,ann@acme.test,\r\n"     // row 5: duplicate
                + "\r\n"                              // row 6: blank line, not reported
                + "Formula,=HYPERLINK(\"http://x\"),\r\n" // row 7: not an email, shown defused
                + "Nobody,,\r\n"                      // row 8: empty
                + "Bob,bob@acme.test,\"said \"\"hi\"\",\nthen left\"\r\n"; // row 9: quoted, multi-line

        JsonNode analysed = upload(file.getBytes(StandardCharsets.UTF_8));

        assertThat(analysed.path("status").asText()).isEqualTo("analysed");
        assertThat(analysed.path("emailColumn").asText()).isEqualTo("E-mail address");
        assertThat(texts(analysed.path("columns"))).containsExactly("Name", "E-mail address", "Notes");
        assertThat(analysed.path("toRenew").path("count").asInt()).isEqualTo(2);
        assertThat(rows(analysed.path("toRenew"))).containsExactly("2 ANN@acme.test", "9 bob@acme.test");
        assertThat(rows(analysed.path("notRenewed"))).containsExactly("3 cat@acme.test already_active",
                "4 zed@elsewhere.test unknown_email", "5 ann@acme.test duplicate",
                "7 '=HYPERLINK(\"http://x\") not_an_email", "8  empty");
    }

    @Test
    void aWindows1252FileWithSemicolonsFromExcelIsRead() throws Exception {
        String file = "Nom;Prénom;Courriel\r\nAnné;Zoë;ann@acme.test\r\nBöb;Ünal;bob@acme.test\r\n";

        JsonNode analysed = upload(file.getBytes(Charset.forName("windows-1252")));

        assertThat(texts(analysed.path("columns"))).containsExactly("Nom", "Prénom", "Courriel");
        assertThat(analysed.path("emailColumn").asText()).isEqualTo("Courriel");
        assertThat(analysed.path("toRenew").path("count").asInt()).isEqualTo(2);
    }

    @Test
    void aTabSeparatedFileWithoutAHeaderRowIsRead() throws Exception {
        JsonNode analysed = upload("ann@acme.test\tAnn\nbob@acme.test\tBob\n\n".getBytes(StandardCharsets.UTF_8));

        assertThat(texts(analysed.path("columns"))).containsExactly("Column 1", "Column 2");
        assertThat(rows(analysed.path("toRenew"))).containsExactly("1 ann@acme.test", "2 bob@acme.test");
    }

    @Test
    void theHeaderThatSaysEmailWinsOverAnotherColumnOfEmails() throws Exception {
        JsonNode analysed = upload(("Manager,Work email\nboss@acme.test,ann@acme.test\nboss@acme.test,bob@acme.test\n")
                .getBytes(StandardCharsets.UTF_8));

        assertThat(analysed.path("emailColumn").asText()).isEqualTo("Work email");
    }

    @Test
    void badFilesFailWithASpecificCodeAndMessage() throws Exception {
        assertFailure(new byte[0], "empty_file", "empty");
        assertFailure(new byte[]{(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0}, "not_csv", "not a CSV");
        assertFailure("Name,Phone\nAnn,555-1234\nBob,555-9876\n".getBytes(StandardCharsets.UTF_8), "no_email_column",
                "Name, Phone");
        assertFailure("Email\n".getBytes(StandardCharsets.UTF_8), "empty_file", "no rows of data");
        StringBuilder many = new StringBuilder("Email\n");
        for (int i = 0; i <= 100_000; i++) many.append("l").append(i).append("@acme.test\n");
        assertFailure(many.toString().getBytes(StandardCharsets.UTF_8), "too_many_rows", "100000");
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedWithoutReadingIt() throws Exception {
        byte[] big = new byte[50 * 1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) 'a');
        assertFailure(big, "too_large", "the limit is 50.0 MB");
    }

    @Test
    void theManagerCanChooseAnotherColumnAndConfirmsTheAnalysisWithIt() throws Exception {
        assign(5);
        JsonNode byEmail = upload(("Email,Backup\nann@acme.test,bob@acme.test\nzed@x.test,cat@acme.test\n")
                .getBytes(StandardCharsets.UTF_8));
        String importId = importIdOf(byEmail);

        JsonNode backup = post("/renewal-imports/" + importId + "/analyse", Map.of("emailColumn", "Backup")).json();
        assertThat(backup.path("emailColumn").asText()).isEqualTo("Backup");
        assertThat(rows(backup.path("toRenew"))).containsExactly("2 bob@acme.test");
        assertThat(post("/renewal-imports/" + importId + "/analyse", Map.of("emailColumn", "Nope")).status()).isEqualTo(400);

        assertThat(confirm(importId, byEmail.path("analysisId").asText()).status())
                .as("the analysis with the first column").isEqualTo(409);
        JsonNode confirmed = confirm(importId, backup.path("analysisId").asText()).json();
        assertThat(confirmed.path("status").asText()).isEqualTo("confirmed");
        assertThat(confirmed.path("result").path("renewed").asInt()).isEqualTo(1);
        assertThat(active()).contains(learnerIds.get("bob@acme.test")).doesNotContain(learnerIds.get("ann@acme.test"));
    }

    @Test
    void confirmingTwiceRenewsOnceAndExcludedEmailsAreLeftOut() throws Exception {
        assign(5);
        String importId = importIdOf(upload("Email\nann@acme.test\nbob@acme.test\n".getBytes(StandardCharsets.UTF_8)));

        String analysisId = get(importId).path("analysisId").asText();

        InProcessApi.Response first = confirm(importId, analysisId, " BOB@acme.test");
        InProcessApi.Response second = confirm(importId, analysisId);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().path("result").path("renewed").asInt()).isEqualTo(1);
        assertThat(first.json().path("result").path("excluded").asInt()).isEqualTo(1);
        assertThat(second.json().path("result")).isEqualTo(first.json().path("result"));
        assertThat(active()).contains(learnerIds.get("ann@acme.test")).doesNotContain(learnerIds.get("bob@acme.test"));
    }

    @Test
    void confirmingWithFewerFreeSeatsThanLearnersRenewsNobodyAndSaysHowMany() throws Exception {
        add("eve@acme.test"); // takes the last free seat
        String importId = importIdOf(upload("Email\nann@acme.test\nbob@acme.test\n".getBytes(StandardCharsets.UTF_8)));
        var before = LocalDynamoDb.snapshot(tenants.table).stream().filter(i -> !i.get("SK").s().startsWith("IDEM#")
                && !i.get("SK").s().startsWith("IMPORT#")).toList();

        InProcessApi.Response refused = reviewAndConfirm(importId);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("needed").asInt()).isEqualTo(2);
        assertThat(refused.json().path("free").asInt()).isZero();
        assertThat(LocalDynamoDb.snapshot(tenants.table).stream().filter(i -> !i.get("SK").s().startsWith("IDEM#")
                && !i.get("SK").s().startsWith("IMPORT#")).toList()).isEqualTo(before);
        JsonNode refusedImport = get(importId);
        assertThat(refusedImport.path("status").asText()).as("analysed again, to confirm again").isEqualTo("analysed");
        assertThat(refusedImport.path("confirmation").path("failure").path("needed").asInt()).isEqualTo(2);
        assertThat(refusedImport.has("result")).isFalse();
    }

    @Test
    void everyRowOfEachListCanBeReadPageByPageInFileOrder() throws Exception {
        StringBuilder file = new StringBuilder("Email\nann@acme.test\n");
        for (int i = 0; i < 7; i++) file.append("stranger").append(i).append("@elsewhere.test\n");
        file.append("cat@acme.test\nbob@acme.test\n");
        String importId = importIdOf(upload(file.toString().getBytes(StandardCharsets.UTF_8)));
        String rows = "/companies/" + customer.companyId() + "/renewal-imports/" + importId + "/rows";

        List<String> unknown = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = tenants.api.get(customer.manager(), rows + "?list=notRenewed&reason=unknown_email&limit=3"
                    + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.path("items").forEach(row -> unknown.add(row.path("row").asInt() + " " + row.path("email").asText()));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
            pages++;
        } while (cursor != null);
        JsonNode toRenew = tenants.api.get(customer.manager(), rows + "?list=toRenew").json();
        JsonNode notRenewed = tenants.api.get(customer.manager(), rows + "?list=notRenewed").json();

        assertThat(pages).isEqualTo(3);
        assertThat(unknown).hasSize(7).first().isEqualTo("3 stranger0@elsewhere.test");
        assertThat(unknown).last().isEqualTo("9 stranger6@elsewhere.test");
        assertThat(toRenew.path("items")).extracting(row -> row.path("email").asText())
                .containsExactly("ann@acme.test", "bob@acme.test");
        assertThat(toRenew.path("items").path(1).path("learnerId").asText()).isEqualTo(learnerIds.get("bob@acme.test"));
        assertThat(notRenewed.path("items")).hasSize(8);
        assertThat(notRenewed.path("items").path(7).path("reason").asText()).isEqualTo("already_active");
        assertThat(tenants.api.get(customer.manager(), rows + "?list=everything").status()).isEqualTo(400);
        assertThat(tenants.api.get(customer.manager(), rows + "?list=notRenewed&reason=bored").status()).isEqualTo(400);
        assertThat(tenants.api.get(customer.manager(), rows + "?list=toRenew&cursor=bm9wZQ").status()).isEqualTo(400);
        assertThat(tenants.api.get(partner.manager(), "/companies/" + customer.companyId() + "/renewal-imports/"
                + importId + "/rows?list=toRenew").status()).isEqualTo(200);
        Tenants.Tenant sibling = tenants.aCustomerUnder(partner);
        assertThat(tenants.api.get(sibling.manager(), "/companies/" + customer.companyId() + "/renewal-imports/"
                + importId + "/rows?list=toRenew").status()).isEqualTo(404);
        assertThat(tenants.api.get(sibling.manager(), "/companies/" + sibling.companyId() + "/renewal-imports/"
                + importId + "/rows?list=toRenew").status()).isEqualTo(404);
    }

    @Test
    void aLargeConfirmIsAcceptedAtOnceAndTheWorkerRenewsOnceHoweverOftenItsEventComes() throws Exception {
        tenants.clock.advance(Duration.ofDays(400)); // cat and dan expire too
        assign(5);
        String importId = importIdOf(upload("Email\nann@acme.test\nbob@acme.test\ncat@acme.test\ndan@acme.test\n"
                .getBytes(StandardCharsets.UTF_8)));

        String analysisId = get(importId).path("analysisId").asText();

        InProcessApi.Response accepted = confirm(importId, analysisId, "dan@acme.test");
        InProcessApi.Response again = confirm(importId, analysisId);

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        assertThat(accepted.json().path("status").asText()).isEqualTo("confirming");
        assertThat(accepted.json().path("confirmation").path("requestedAt").asText())
                .isEqualTo(tenants.clock.instant().toString());
        assertThat(accepted.json().path("confirmation").path("excluded").asInt()).isEqualTo(1);
        assertThat(again.status()).isEqualTo(202);
        assertThat(post("/renewal-imports/" + importId + "/analyse", Map.of("emailColumn", "Email")).status())
                .isEqualTo(409);
        assertThat(active()).isEmpty();
        List<Map<String, Object>> events = confirmEvents();
        assertThat(events).hasSize(1);

        Map<String, Object> done = worker().handleRequest(events.get(0), null);
        Map<String, Object> repeated = worker().handleRequest(events.get(0), null);

        assertThat(done).containsEntry("status", "confirmed").containsEntry("renewed", 3);
        assertThat(repeated).containsEntry("status", "confirmed");
        JsonNode confirmed = get(importId);
        assertThat(confirmed.path("result").path("renewed").asInt()).isEqualTo(3);
        assertThat(confirmed.path("result").path("excluded").asInt()).isEqualTo(1);
        assertThat(active()).containsExactlyInAnyOrder(learnerIds.get("ann@acme.test"), learnerIds.get("bob@acme.test"),
                learnerIds.get("cat@acme.test"));
        InProcessApi.Response afterwards = confirm(importId, analysisId);
        assertThat(afterwards.status()).isEqualTo(200);
        assertThat(afterwards.json().path("result")).isEqualTo(confirmed.path("result"));
    }

    @Test
    void aLargeConfirmWhoseHandOverMetATransactionConflictIsHandedOverNotAnsweredAsAChangedImport() throws Exception {
        tenants.clock.advance(Duration.ofDays(400));
        assign(5);
        String importId = importIdOf(upload("Email\nann@acme.test\nbob@acme.test\ncat@acme.test\n"
                .getBytes(StandardCharsets.UTF_8)));
        String analysisId = get(importId).path("analysisId").asText();

        conflictsToCome.set(2);
        InProcessApi.Response accepted = confirm(importId, analysisId);

        assertThat(conflictsToCome).as("both conflicts met").hasValue(0);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        assertThat(confirmEvents()).hasSize(1);
        assertThat(worker().handleRequest(confirmEvents().get(0), null)).containsEntry("status", "confirmed")
                .containsEntry("renewed", 3);
    }

    @Test
    void aLargeConfirmWhoseWorkerNeverCameCanBeConfirmedAgainAfterTwentyMinutesAndTheLateEventChangesNothing()
            throws Exception {
        tenants.clock.advance(Duration.ofDays(400)); // cat and dan expire too
        assign(5);
        String importId = importIdOf(upload("Email\nann@acme.test\nbob@acme.test\ncat@acme.test\n"
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(reviewAndConfirm(importId).status()).isEqualTo(202);
        tenants.clock.advance(Duration.ofMinutes(19));
        assertThat(reviewAndConfirm(importId).status()).isEqualTo(202);
        assertThat(confirmEvents()).as("within 20 minutes: the pending request stands").hasSize(1);

        tenants.clock.advance(Duration.ofMinutes(2));
        assertThat(reviewAndConfirm(importId).status()).isEqualTo(202);
        List<Map<String, Object>> events = confirmEvents();
        assertThat(events).hasSize(2);
        assertThat(worker().handleRequest(events.get(0), null)).as("the lost request's late event")
                .containsEntry("status", "confirming");
        Map<String, Object> done = worker().handleRequest(events.get(1), null);

        assertThat(done).containsEntry("status", "confirmed").containsEntry("renewed", 3);
        assertThat(active()).containsExactlyInAnyOrder(learnerIds.get("ann@acme.test"), learnerIds.get("bob@acme.test"),
                learnerIds.get("cat@acme.test"));
    }

    @Test
    void aLargeConfirmWithTooFewFreeSeatsWhenTheWorkerRunsRenewsNobodyAndTheImportSaysHowMany() throws Exception {
        add("fay@acme.test"); // no free seat: unlicensed, so renewable too
        String importId = importIdOf(upload("Email\nann@acme.test\nbob@acme.test\nfay@acme.test\n"
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(reviewAndConfirm(importId).status()).isEqualTo(202);
        var before = LocalDynamoDb.snapshot(tenants.table).stream().filter(i -> !i.get("SK").s().startsWith("IMPORT#")).toList();

        Map<String, Object> done = worker().handleRequest(confirmEvents().get(0), null);

        assertThat(done).containsEntry("status", "analysed");
        JsonNode failed = get(importId);
        assertThat(failed.path("status").asText()).isEqualTo("analysed");
        assertThat(failed.path("confirmation").path("failure").path("needed").asInt()).isEqualTo(3);
        assertThat(failed.path("confirmation").path("failure").path("free").asInt()).isZero();
        assertThat(failed.path("confirmation").path("failure").path("message").asText())
                .contains("3 seats are needed and 0 are free");
        assertThat(LocalDynamoDb.snapshot(tenants.table).stream().filter(i -> !i.get("SK").s().startsWith("IMPORT#")).toList())
                .isEqualTo(before);
        assign(3);
        assertThat(reviewAndConfirm(importId).status()).isEqualTo(202);
        assertThat(confirmEvents()).hasSize(2);
    }

    @Test
    void aConfirmedImportIsFinalAndALaterUploadToItsUrlIsRecordedAsIgnored() throws Exception {
        assign(5);
        JsonNode started = post("/renewal-imports", Map.of()).json();
        String importId = importIdOf(started);
        String key = keyOf(importId);
        put(started.path("uploadUrl").asText(), "Email\nann@acme.test\n".getBytes(StandardCharsets.UTF_8));
        deliver(key);
        JsonNode reviewed = get(importId);
        InProcessApi.Response first = confirm(importId, reviewed.path("analysisId").asText());
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().path("result").path("renewed").asInt()).isEqualTo(1);
        JsonNode confirmed = get(importId);

        // The pre-signed URL is still valid for the rest of its 15 minutes.
        put(started.path("uploadUrl").asText(), "Email\nbob@acme.test\n".getBytes(StandardCharsets.UTF_8));
        String ignoredEtag = etag(key);
        assertThat(deliver(key)).endsWith("ignored_after_confirm");
        assertThat(deliver(key)).as("the same event again").endsWith("already_seen");

        JsonNode after = get(importId);
        assertThat(after.path("status").asText()).isEqualTo("confirmed");
        assertThat(after.path("result")).isEqualTo(confirmed.path("result"));
        assertThat(after.path("analysisId")).isEqualTo(confirmed.path("analysisId"));
        assertThat(rows(after.path("toRenew"))).containsExactly("2 ann@acme.test");
        assertThat(after.path("ignoredUploads").path("count").asInt()).isEqualTo(1);
        assertThat(after.path("ignoredUploads").path("latest")).singleElement().satisfies(ignored -> {
            assertThat(ignored.path("etag").asText()).isEqualTo(ignoredEtag);
            assertThat(ignored.path("importStatus").asText()).isEqualTo("confirmed");
        });
        InProcessApi.Response again = confirm(importId, reviewed.path("analysisId").asText());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("result")).isEqualTo(confirmed.path("result"));
        assertThat(active()).contains(learnerIds.get("ann@acme.test")).doesNotContain(learnerIds.get("bob@acme.test"));
        assertThat(keysUnder("results/")).as("the ignored file was never analysed").hasSize(1);
    }

    @Test
    void aConfirmRenewsTheAnalysisTheManagerReviewedAndNotAFileThatReplacedIt() throws Exception {
        tenants.clock.advance(Duration.ofDays(400)); // cat and dan expire too
        assign(5);
        JsonNode started = post("/renewal-imports", Map.of()).json();
        String importId = importIdOf(started);
        put(started.path("uploadUrl").asText(), "Email\nann@acme.test\n".getBytes(StandardCharsets.UTF_8));
        deliver(keyOf(importId));
        JsonNode reviewed = get(importId);
        assertThat(reviewed.path("toRenew").path("count").asInt()).isEqualTo(1);
        put(started.path("uploadUrl").asText(), "Email\nann@acme.test\nbob@acme.test\ncat@acme.test\ndan@acme.test\n"
                .getBytes(StandardCharsets.UTF_8));
        deliver(keyOf(importId));
        JsonNode replaced = get(importId);
        assertThat(replaced.path("toRenew").path("count").asInt()).isEqualTo(4);

        InProcessApi.Response stale = confirm(importId, reviewed.path("analysisId").asText());

        assertThat(stale.status()).as(stale.toString()).isEqualTo(409);
        assertThat(stale.json().path("detail").asText()).contains("the file changed since you reviewed it");
        assertThat(active()).isEmpty();
        assertThat(confirmEvents()).isEmpty();
        assertThat(get(importId)).isEqualTo(replaced);

        InProcessApi.Response current = confirm(importId, replaced.path("analysisId").asText());
        assertThat(current.status()).as(current.toString()).isEqualTo(202);
        assertThat(worker().handleRequest(confirmEvents().get(0), null)).containsEntry("status", "confirmed")
                .containsEntry("renewed", 4);
    }

    @Test
    void aConfirmMustNameTheAnalysisItConfirms() throws Exception {
        String importId = importIdOf(upload("Email\nann@acme.test\n".getBytes(StandardCharsets.UTF_8)));

        InProcessApi.Response unnamed = post("/renewal-imports/" + importId + "/confirm", Map.of("exclude", List.of()));

        assertThat(unnamed.status()).as(unnamed.toString()).isEqualTo(400);
        assertThat(unnamed.json().path("errors").path(0).path("field").asText()).isEqualTo("analysisId");
    }

    @Test
    void aConfirmCutShortAfterItsClaimIsResumedByItsRetry() throws Exception {
        assign(5);
        String importId = importIdOf(upload("Email\nann@acme.test\n".getBytes(StandardCharsets.UTF_8)));
        String analysisId = get(importId).path("analysisId").asText();
        // The function stopped (a timeout, a crash) after saving the import confirming, before renewing.
        DynamoRenewalImports imports = new DynamoRenewalImports(renewals.licensing.dynamo, renewals.licensing.table);
        RenewalImport analysed = imports.get(new CompanyId(customer.companyId()), new ImportId(importId)).orElseThrow();
        imports.save(analysed.confirming(new Confirmation("01JCUTSHORTREQUEST00000000", analysisId, List.of(),
                customer.manager(), tenants.clock.instant(), Optional.empty())));

        InProcessApi.Response retried = confirm(importId, analysisId);

        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.json().path("result").path("renewed").asInt()).isEqualTo(1);
        assertThat(active()).contains(learnerIds.get("ann@acme.test"));
    }

    @Test
    void anUploadWhileALargeConfirmIsPendingIsRecordedAsIgnoredAndTheWorkerRenewsTheReviewedAnalysis() throws Exception {
        tenants.clock.advance(Duration.ofDays(400)); // cat and dan expire too
        assign(5);
        JsonNode started = post("/renewal-imports", Map.of()).json();
        String importId = importIdOf(started);
        put(started.path("uploadUrl").asText(), "Email\nann@acme.test\nbob@acme.test\ncat@acme.test\n"
                .getBytes(StandardCharsets.UTF_8));
        deliver(keyOf(importId));
        assertThat(confirm(importId, get(importId).path("analysisId").asText()).status()).isEqualTo(202);

        put(started.path("uploadUrl").asText(), "Email\ndan@acme.test\n".getBytes(StandardCharsets.UTF_8));
        assertThat(deliver(keyOf(importId))).endsWith("ignored_while_confirming");
        assertThat(get(importId).path("ignoredUploads").path("latest").path(0).path("importStatus").asText())
                .isEqualTo("confirming");
        Map<String, Object> done = worker().handleRequest(confirmEvents().get(0), null);

        assertThat(done).containsEntry("status", "confirmed").containsEntry("renewed", 3);
        assertThat(active()).containsExactlyInAnyOrder(learnerIds.get("ann@acme.test"), learnerIds.get("bob@acme.test"),
                learnerIds.get("cat@acme.test"));
        assertThat(get(importId).path("ignoredUploads").path("count").asInt()).isEqualTo(1);
    }

    @Test
    void anUploadAnalysedWhileAConfirmIsUnderWayLeavesNobodyRenewedWithoutTheImportSayingSo() throws Exception {
        assign(5);
        JsonNode started = post("/renewal-imports", Map.of()).json();
        String importId = importIdOf(started);
        put(started.path("uploadUrl").asText(), "Email\nann@acme.test\n".getBytes(StandardCharsets.UTF_8));
        deliver(keyOf(importId));
        JsonNode reviewed = get(importId);
        whileTheConfirmReadsRows = () -> {
            put(started.path("uploadUrl").asText(), "Email\nbob@acme.test\n".getBytes(StandardCharsets.UTF_8));
            assertThat(deliver(keyOf(importId))).endsWith("analysed");
        };

        InProcessApi.Response raced = confirm(importId, reviewed.path("analysisId").asText());

        assertThat(raced.status()).as(raced.toString()).isEqualTo(409);
        assertThat(raced.json().path("detail").asText()).contains("the file changed since you reviewed it");
        assertThat(active()).doesNotContain(learnerIds.get("ann@acme.test"));
        JsonNode after = get(importId);
        assertThat(after.path("status").asText()).isEqualTo("analysed");
        assertThat(rows(after.path("toRenew"))).containsExactly("2 bob@acme.test");
    }

    /** Over {@link #LIMITS}' 100 bytes: re-analysed by the analysis worker. */
    private static final byte[] LARGE_FILE = ("Email,Backup\nann@acme.test,bob@acme.test\nzed@x.test,cat@acme.test\n"
            + "yan@x.test,xia@x.test\nwil@x.test,vic@x.test\n").getBytes(StandardCharsets.UTF_8);

    @Test
    void aLargeFileIsAnalysedAgainByTheWorkerOnceHoweverOftenItsEventComes() throws Exception {
        assign(5);
        String importId = importIdOf(upload(LARGE_FILE));
        assertThat(post("/renewal-imports/" + importId + "/analyse", Map.of("emailColumn", "Nope")).status())
                .as("the columns are known: refused at once").isEqualTo(400);

        InProcessApi.Response accepted = post("/renewal-imports/" + importId + "/analyse", Map.of("emailColumn", "Backup"));
        InProcessApi.Response again = post("/renewal-imports/" + importId + "/analyse", Map.of("emailColumn", "Backup"));

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        assertThat(accepted.json().path("status").asText()).isEqualTo("analysing");
        assertThat(accepted.json().path("reanalysis").path("emailColumn").asText()).isEqualTo("Backup");
        assertThat(accepted.json().path("emailColumn").asText()).as("the last analysis, until the new one").isEqualTo("Email");
        assertThat(again.status()).isEqualTo(202);
        assertThat(post("/renewal-imports/" + importId + "/analyse", Map.of("emailColumn", "Email")).status())
                .isEqualTo(409);
        assertThat(reviewAndConfirm(importId).status()).isEqualTo(409);
        List<Map<String, Object>> events = reanalysisEvents();
        assertThat(events).hasSize(1);

        Map<String, Object> done = analysisWorker().handleRequest(events.get(0), null);
        JsonNode analysed = get(importId);
        Map<String, Object> repeated = analysisWorker().handleRequest(events.get(0), null);

        assertThat(done).containsEntry("status", "analysed").containsEntry("emailColumn", "Backup");
        assertThat(repeated).containsEntry("status", "analysed");
        assertThat(get(importId)).isEqualTo(analysed);
        assertThat(analysed.has("reanalysis")).isFalse();
        assertThat(rows(analysed.path("toRenew"))).containsExactly("2 bob@acme.test");
        assertThat(analysed.path("analysisId").asText()).isNotEqualTo(accepted.json().path("analysisId").asText());
        assertThat(confirm(importId, accepted.json().path("analysisId").asText()).status())
                .as("the analysis before the worker's").isEqualTo(409);
        JsonNode confirmed = confirm(importId, analysed.path("analysisId").asText()).json();
        assertThat(confirmed.path("result").path("renewed").asInt()).isEqualTo(1);
        assertThat(active()).contains(learnerIds.get("bob@acme.test")).doesNotContain(learnerIds.get("ann@acme.test"));
    }

    @Test
    void aNewUploadWhileTheWorkerIsAwaitedWinsAndALostRequestCanBeAskedForAgainLater() throws Exception {
        JsonNode started = post("/renewal-imports", Map.of()).json();
        String importId = importIdOf(started);
        String key = "uploads/" + customer.companyId() + "/" + importId + ".csv";
        put(started.path("uploadUrl").asText(), LARGE_FILE);
        deliver(key);
        assertThat(post("/renewal-imports/" + importId + "/analyse", Map.of("emailColumn", "Backup")).status()).isEqualTo(202);
        tenants.clock.advance(Duration.ofMinutes(21)); // its worker never came: overdue, so it may be asked again
        assertThat(post("/renewal-imports/" + importId + "/analyse", Map.of("emailColumn", "Email")).status()).isEqualTo(202);
        List<Map<String, Object>> events = reanalysisEvents();
        assertThat(events).hasSize(2);
        assertThat(analysisWorker().handleRequest(events.get(0), null)).as("the lost request's late event")
                .containsEntry("status", "analysing");

        put(started.path("uploadUrl").asText(), ("Contact,Email\nx,dan@acme.test\ny,ann@acme.test\nz,bob@acme.test\n"
                + "w,ann@acme.test\n").getBytes(StandardCharsets.UTF_8));
        assertThat(deliver(key)).endsWith("analysed");
        JsonNode newUpload = get(importId);
        Map<String, Object> late = analysisWorker().handleRequest(events.get(1), null);

        assertThat(late).containsEntry("status", "analysed").containsEntry("emailColumn", "Email");
        assertThat(get(importId)).isEqualTo(newUpload);
        assertThat(newUpload.path("columns")).hasSize(2);
        assertThat(newUpload.path("columns").get(0).asText()).isEqualTo("Contact");
        assertThat(rows(newUpload.path("toRenew"))).containsExactly("3 ann@acme.test", "4 bob@acme.test");
    }

    @Test
    void theSameObjectAnalysedTwiceChangesNothingAndALateEventForAnOldVersionIsIgnored() throws Exception {
        JsonNode started = post("/renewal-imports", Map.of()).json();
        String importId = started.path("importId").asText();
        String key = "uploads/" + customer.companyId() + "/" + importId + ".csv";
        put(started.path("uploadUrl").asText(), "Email\nann@acme.test\n".getBytes(StandardCharsets.UTF_8));
        String firstEtag = etag(key);
        assertThat(deliver(key)).endsWith("analysed");
        var afterFirst = LocalDynamoDb.snapshot(tenants.table);

        assertThat(deliver(key)).endsWith("already_seen");
        assertThat(LocalDynamoDb.snapshot(tenants.table)).isEqualTo(afterFirst);

        put(started.path("uploadUrl").asText(), "Email\nbob@acme.test\n".getBytes(StandardCharsets.UTF_8));
        assertThat(deliver(key)).endsWith("analysed");
        List<String> outcomes = new RenewalImportAnalysisHandler(renewals)
                .handleRequest(SampleEvents.s3Upload(BUCKET, key, firstEtag, 20), null);
        assertThat(outcomes).singleElement().asString().endsWith("stale_event");
        assertThat(rows(get(importId).path("toRenew"))).containsExactly("2 bob@acme.test");
        assertThat(keysUnder("uploads/")).containsExactly(key);
        assertThat(keysUnder("results/")).hasSize(2);
    }

    @Test
    void theUploadUrlIsPreSignedForFifteenMinutesAndOnlyForItsKey() throws Exception {
        JsonNode started = post("/renewal-imports", Map.of()).json();

        assertThat(started.path("status").asText()).isEqualTo("awaiting_upload");
        assertThat(started.path("uploadExpiresAt").asText()).isEqualTo(tenants.clock.instant().plus(Duration.ofMinutes(15)).toString());
        String url = started.path("uploadUrl").asText();
        assertThat(url).contains("/" + BUCKET + "/uploads/" + customer.companyId() + "/" + started.path("importId").asText() + ".csv")
                .contains("X-Amz-Expires=900");
        String elsewhere = url.replace("/uploads/", "/results/");
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(elsewhere)).PUT(HttpRequest.BodyPublishers.ofString("x"))
                .header("Content-Type", "text/csv").build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
    }

    private void assertFailure(byte[] file, String code, String messagePart) throws Exception {
        JsonNode failed = upload(file);
        assertThat(failed.path("status").asText()).as(failed.toString()).isEqualTo("failed");
        assertThat(failed.path("failure").path("code").asText()).isEqualTo(code);
        assertThat(failed.path("failure").path("message").asText()).contains(messagePart);
    }

    /** Start an import, PUT the file to its pre-signed URL, deliver S3's event, read the import. */
    private JsonNode upload(byte[] file) throws Exception {
        JsonNode started = post("/renewal-imports", Map.of()).json();
        String importId = started.path("importId").asText();
        put(started.path("uploadUrl").asText(), file);
        deliver("uploads/" + customer.companyId() + "/" + importId + ".csv");
        return get(importId);
    }

    private String keyOf(String importId) {
        return "uploads/" + customer.companyId() + "/" + importId + ".csv";
    }

    /** POST …/confirm of the analysis the manager reviewed, leaving out {@code exclude}. */
    private InProcessApi.Response confirm(String importId, String analysisId, String... exclude) {
        return post("/renewal-imports/" + importId + "/confirm", Map.of("analysisId", analysisId, "exclude", List.of(exclude)));
    }

    /** The manager reads the import, then confirms the analysis it shows. */
    private InProcessApi.Response reviewAndConfirm(String importId) {
        return confirm(importId, get(importId).path("analysisId").asText());
    }

    private String deliver(String key) {
        var head = s3.headObject(r -> r.bucket(BUCKET).key(key));
        List<String> outcomes = new RenewalImportAnalysisHandler(renewals).handleRequest(
                SampleEvents.s3Upload(BUCKET, key, head.eTag().replace("\"", ""), head.contentLength()), null);
        assertThat(outcomes).hasSize(1);
        return outcomes.get(0);
    }

    private RenewalImportConfirmHandler worker() {
        return new RenewalImportConfirmHandler(renewals);
    }

    private RenewalImportReanalysisHandler analysisWorker() {
        return new RenewalImportReanalysisHandler(renewals);
    }

    /** The outbox's re-analysis events, as the bus rule hands them to the analysis worker. */
    private List<Map<String, Object>> reanalysisEvents() {
        return BusEvents.of(LocalDynamoDb.snapshot(tenants.table), RenewalImportAnalysisRequested.TYPE);
    }

    /** The outbox's confirm events, as the bus rule hands them to the worker. */
    private List<Map<String, Object>> confirmEvents() {
        return BusEvents.of(LocalDynamoDb.snapshot(tenants.table), RenewalImportConfirmRequested.TYPE);
    }

    private void put(String url, byte[] file) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "text/csv")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(file)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private String etag(String key) {
        return s3.headObject(r -> r.bucket(BUCKET).key(key)).eTag().replace("\"", "");
    }

    private List<String> keysUnder(String prefix) {
        return s3.listObjectsV2(r -> r.bucket(BUCKET).prefix(prefix + customer.companyId())).contents().stream()
                .map(S3Object::key).toList();
    }

    private JsonNode get(String importId) {
        InProcessApi.Response response = tenants.api.get(customer.manager(), "/companies/" + customer.companyId()
                + "/renewal-imports/" + importId);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private InProcessApi.Response post(String path, Object body) {
        return tenants.api.post(customer.manager(), "/companies/" + customer.companyId() + path, body);
    }

    private static String importIdOf(JsonNode renewalImport) {
        return renewalImport.path("importId").asText();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static List<String> rows(JsonNode list) {
        List<String> rows = new ArrayList<>();
        list.path("rows").forEach(row -> rows.add((row.path("row").asInt() + " " + row.path("email").asText() + " "
                + row.path("reason").asText()).trim()));
        return rows;
    }

    private List<String> active() {
        List<String> ids = new ArrayList<>();
        tenants.api.get(customer.manager(), "/companies/" + customer.companyId() + "/learners?licenceStatus=active&limit=200")
                .json().path("items").forEach(l -> ids.add(l.path("learnerId").asText()));
        return ids;
    }

    private void assign(int seats) {
        String orderId = tenants.anOrderFor(customer, seats);
        assertThat(tenants.api.post(partner.manager(), "/orders/" + orderId + "/assign", null).status()).isEqualTo(200);
    }

    private void add(String... emails) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String email : emails) rows.add(Map.of("email", email));
        JsonNode added = tenants.api.post(customer.manager(), "/companies/" + customer.companyId() + "/learners",
                Map.of("learners", rows)).json();
        added.path("learners").forEach(l -> learnerIds.put(l.path("email").asText(), l.path("learnerId").asText()));
    }
}

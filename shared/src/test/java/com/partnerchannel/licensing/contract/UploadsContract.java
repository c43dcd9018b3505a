package com.partnerchannel.licensing.contract;

import com.partnerchannel.licensing.renewal.application.Uploads;
import com.partnerchannel.licensing.renewal.model.NotRenewedReason;
import com.partnerchannel.licensing.renewal.model.Row;
import com.partnerchannel.licensing.renewal.model.Upload;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Uploads port: what a manager put at a key is seen as S3's event names it (its ETag the MD5 of the bytes,
 * unquoted, for a single-part upload), copied whole only while it is that upload, and an analysis's rows kept
 * as they were. {@code InMemoryUploadsContractTest} and {@code S3UploadsContractIT} only say which adapter.
 */
public abstract class UploadsContract {
    /** The adapter under test; each test uses keys of its own. */
    protected abstract Uploads uploads();

    /** A manager's upload of {@code content} to {@code key}, as the holder of the upload URL makes it. */
    protected abstract void upload(String key, String content);

    private static String md5(String content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content.getBytes(StandardCharsets.UTF_8)));
    }

    private static String read(Uploads.LocalCopy copy) throws Exception {
        try (InputStream in = copy.open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void nothingIsAtAKeyNobodyUploadedTo() {
        assertThat(uploads().head("uploads/nobody.csv")).isEmpty();
    }

    @Test
    void anUploadIsSeenWithItsKeySizeAndTheMd5OfItsBytesAsEtag() throws Exception {
        String csv = "email\nada@acme.test\nbob@acme.test\n";
        upload("uploads/seen.csv", csv);

        Upload seen = uploads().head("uploads/seen.csv").orElseThrow();

        assertThat(seen.key()).isEqualTo("uploads/seen.csv");
        assertThat(seen.size()).isEqualTo(csv.getBytes(StandardCharsets.UTF_8).length);
        assertThat(seen.etag()).isEqualTo(md5(csv));
    }

    @Test
    void aCopyHoldsEveryByteAndIsReadAsOftenAsNeeded() throws Exception {
        String csv = "email\n" + "someone@example.com\n".repeat(1_000);
        upload("uploads/copied.csv", csv);

        try (Uploads.LocalCopy copy = uploads().copy(uploads().head("uploads/copied.csv").orElseThrow())) {
            assertThat(read(copy)).isEqualTo(csv);
            assertThat(read(copy)).isEqualTo(csv);
        }
    }

    @Test
    void anUploadReplacedSinceItWasSeenIsNotCopied() {
        upload("uploads/replaced.csv", "email\n");
        Upload first = uploads().head("uploads/replaced.csv").orElseThrow();
        upload("uploads/replaced.csv", "email\nx@y.example\n");

        assertThatThrownBy(() -> uploads().copy(first)).isInstanceOf(RuntimeException.class);
        assertThat(uploads().head("uploads/replaced.csv").orElseThrow().etag()).isNotEqualTo(first.etag());
    }

    @Test
    void anAnalysisRowsAreKeptAsTheyWere() {
        List<Row> rows = List.of(Row.toRenew(2, "ada@acme.test", "01JLEARNER0000000000000001"),
                Row.notRenewed(3, "nobody@acme.test", NotRenewedReason.unknown_email),
                Row.notRenewed(4, "ada@acme.test", NotRenewedReason.duplicate));

        uploads().saveRows("analyses/one/rows.json", rows);

        assertThat(uploads().rows("analyses/one/rows.json")).isEqualTo(rows);
    }

    @Test
    void savingRowsAgainReplacesThem() {
        uploads().saveRows("analyses/again/rows.json", List.of(Row.toRenew(2, "ada@acme.test", "01JLEARNER0000000000000001")));
        List<Row> again = List.of(Row.notRenewed(2, "ada@acme.test", NotRenewedReason.already_active));

        uploads().saveRows("analyses/again/rows.json", again);

        assertThat(uploads().rows("analyses/again/rows.json")).isEqualTo(again);
    }

    @Test
    void rowsNeverSavedAreAFailureNotAnEmptyAnalysis() {
        assertThatThrownBy(() -> uploads().rows("analyses/never/rows.json")).isInstanceOf(RuntimeException.class);
    }

    @Test
    void theUploadUrlIsAnAbsoluteUrlNamingTheKey() {
        assertThat(uploads().presignPut("uploads/some file.csv", Duration.ofMinutes(15)).toString())
                .startsWith("http").contains("uploads/some");
    }
}

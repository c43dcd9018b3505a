package com.partnerchannel.licensing.s3;

import com.partnerchannel.licensing.renewal.application.Uploads;
import com.partnerchannel.licensing.renewal.model.Row;
import com.partnerchannel.licensing.renewal.model.Upload;
import com.partnerchannel.licensing.testing.LocalS3;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The upload bucket through its signed calls (AwsCalls) against S3Proxy, which checks their signatures. */
class S3UploadsIT {
    private static final String BUCKET = "uploads";
    private static final LocalS3 S3 = LocalS3.start().withBucket(BUCKET);

    private final S3Client client = S3.client();
    private final S3Uploads uploads = S3Uploads.local(S3.endpoint(), S3.credentials(), BUCKET);

    @AfterAll
    static void stop() {
        S3.close();
    }

    @Test
    void aLargeUploadIsCopiedWholeAndReadAsOftenAsNeededThenDeleted() throws Exception {
        byte[] csv = "email\nsomeone@example.com\n".repeat(300_000).getBytes();
        Uploads.LocalCopy copy;
        LocalS3 own = LocalS3.start().withBucket(BUCKET);
        try {
            S3Client ownClient = own.client();
            ownClient.putObject(r -> r.bucket(BUCKET).key("uploads/big.csv"), RequestBody.fromBytes(csv));
            S3Uploads ownUploads = S3Uploads.local(own.endpoint(), own.credentials(), BUCKET);
            copy = ownUploads.copy(ownUploads.head("uploads/big.csv").orElseThrow());
        } finally {
            // The analysis takes its time: however long, no connection is left for S3 to close under it.
            // Stopping S3 shows it at once, where waiting out an idle timeout took seconds.
            own.close();
        }

        byte[] first;
        byte[] second;
        Path file;
        try (copy) {
            file = ((S3Uploads.TempFile) copy).path();
            assertThat(file).hasParent(Path.of(System.getProperty("java.io.tmpdir")));
            try (InputStream in = copy.open()) {
                first = in.readAllBytes();
            }
            try (InputStream in = copy.open()) {
                second = in.readAllBytes();
            }
        }

        assertThat(first).isEqualTo(csv);
        assertThat(second).isEqualTo(csv);
        assertThat(file).doesNotExist();
    }

    @Test
    void aCopyWhoseBytesChangedOnTheWayFailsInsteadOfReachingTheAnalysis() throws Exception {
        String csv = "email\nann@example.com\nbob@example.com\n";
        client.putObject(r -> r.bucket(BUCKET).key("uploads/changed.csv"), RequestBody.fromString(csv));
        Upload upload = uploads.head("uploads/changed.csv").orElseThrow();
        try (CorruptingRelay relay = new CorruptingRelay(S3.endpoint())) {
            S3Uploads throughRelay = S3Uploads.local(relay.endpoint(), S3.credentials(), BUCKET);
            // As it is, the relay changes nothing: the copy arrives whole and matches.
            try (Uploads.LocalCopy copy = throughRelay.copy(upload); InputStream in = copy.open()) {
                assertThat(new String(in.readAllBytes())).isEqualTo(csv);
            }

            relay.corrupting = true;
            // The same number of bytes arrives, one of them changed: only the MD5 (S3Proxy's ETag, as S3's) tells.
            assertThatThrownBy(() -> throughRelay.copy(upload)).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("download uploads/changed.csv failed " + S3Uploads.ATTEMPTS + " times")
                    .rootCause().hasMessageStartingWith("uploads/changed.csv: the bytes that arrived do not match the object's"
                            + " MD5 (its ETag): expected " + upload.etag());
        }
    }

    @Test
    void anUploadReplacedSinceItsEventIsNotCopied() {
        client.putObject(r -> r.bucket(BUCKET).key("uploads/replaced.csv"), RequestBody.fromString("email\n"));
        Upload first = uploads.head("uploads/replaced.csv").orElseThrow();
        client.putObject(r -> r.bucket(BUCKET).key("uploads/replaced.csv"), RequestBody.fromString("email\nx@y.example\n"));

        assertThatThrownBy(() -> uploads.copy(first)).isInstanceOf(AwsServiceException.class)
                .satisfies(e -> assertThat(((AwsServiceException) e).statusCode()).isEqualTo(412))
                .satisfies(e -> assertThat(((AwsServiceException) e).awsErrorDetails().errorCode()).isEqualTo("PreconditionFailed"));
    }
}

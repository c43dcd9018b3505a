package com.partnerchannel.licensing.s3;

import com.partnerchannel.licensing.renewal.application.Uploads;
import com.partnerchannel.licensing.renewal.model.Row;
import com.partnerchannel.licensing.renewal.model.Upload;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * S3Uploads on a connection that fails: what the url-connection client does when a server closed a
 * kept-alive connection, or cut a download short. (S3UploadsIT runs the real path on S3Proxy.)
 */
class S3UploadsRetryTest {
    private static final byte[] CSV = "email\na@b.example\n".getBytes();
    private static final Upload UPLOAD = new Upload("uploads", "uploads/c/i.csv", "etag", CSV.length);

    private final S3Client s3 = mock(S3Client.class);
    private final S3Uploads uploads = new S3Uploads(s3, null, "uploads");

    @Test
    @SuppressWarnings("unchecked")
    void savingRowsIsTriedAgainWhenTheConnectionWasClosedUnderIt() {
        when(s3.putObject(any(Consumer.class), any(RequestBody.class)))
                .thenThrow(new UncheckedIOException(new SocketException("Unexpected end of file from server")))
                .thenReturn(PutObjectResponse.builder().build());

        uploads.saveRows("results/c/i/a.json", List.of(Row.toRenew(2, "a@b.example", "L1")));

        verify(s3, times(2)).putObject(any(Consumer.class), any(RequestBody.class));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDownloadThatEndsShortIsTriedAgainAndTheCopyIsWhole() throws IOException {
        when(s3.getObject(any(Consumer.class)))
                .thenReturn(body(new byte[]{'e', 'm'}))
                .thenReturn(body(CSV));

        try (Uploads.LocalCopy copy = uploads.copy(UPLOAD); InputStream in = copy.open()) {
            assertThat(in.readAllBytes()).isEqualTo(CSV);
        }
        verify(s3, times(2)).getObject(any(Consumer.class));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDownloadThatKeepsEndingShortFailsRatherThanAnalyseACutFile() {
        when(s3.getObject(any(Consumer.class))).thenAnswer(call -> body(new byte[]{'e', 'm'}));

        assertThatThrownBy(() -> uploads.copy(UPLOAD)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("failed " + S3Uploads.ATTEMPTS + " times")
                .hasRootCauseMessage("uploads/c/i.csv: 2 of " + CSV.length + " bytes arrived");
    }

    private static ResponseInputStream<GetObjectResponse> body(byte[] bytes) {
        return new ResponseInputStream<>(GetObjectResponse.builder().build(),
                AbortableInputStream.create(new ByteArrayInputStream(bytes)));
    }
}

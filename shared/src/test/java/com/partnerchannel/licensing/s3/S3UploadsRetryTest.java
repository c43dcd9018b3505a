package com.partnerchannel.licensing.s3;

import com.partnerchannel.licensing.aws.AwsCalls;
import com.partnerchannel.licensing.renewal.application.Uploads;
import com.partnerchannel.licensing.renewal.model.Row;
import com.partnerchannel.licensing.renewal.model.Upload;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * S3Uploads on a connection that fails: what the url-connection client does when a server closed a
 * kept-alive connection, or cut a download short. (S3UploadsIT runs the real path on S3Proxy.)
 */
class S3UploadsRetryTest {
    private static final byte[] CSV = "email\na@b.example\n".getBytes();
    private static final Upload UPLOAD = new Upload("uploads", "uploads/c/i.csv", HexFormat.of().formatHex(digest("MD5", CSV)),
            CSV.length);
    /** An object put in parts: its ETag is not an MD5 of it. */
    private static final Upload MULTIPART = new Upload("uploads", "uploads/c/i.csv", "0123456789abcdef0123456789abcdef-2",
            CSV.length);

    /** Answers each request with the next of its answers (the last one again once they run out), and records it. */
    private static final class Scripted implements SdkHttpClient {
        final Deque<Supplier<HttpExecuteResponse>> answers = new ArrayDeque<>();
        final List<String> requests = new ArrayList<>();
        final List<Map<String, List<String>>> headers = new ArrayList<>();

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            requests.add(request.httpRequest().method() + " " + request.httpRequest().encodedPath());
            headers.add(request.httpRequest().headers());
            Supplier<HttpExecuteResponse> next = answers.size() > 1 ? answers.poll() : answers.peek();
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    return next.get();
                }

                @Override
                public void abort() {
                }
            };
        }

        @Override
        public void close() {
        }
    }

    private final Scripted http = new Scripted();
    private final S3Uploads uploads = new S3Uploads(AwsCalls.builder(AwsCalls.Service.S3).endpoint(URI.create("http://127.0.0.1:9"))
            .region(Region.US_EAST_1).credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))
            .http(http).build(), "uploads");

    @Test
    void savingRowsIsTriedAgainWhenTheConnectionWasClosedUnderIt() {
        http.answers.add(() -> {
            throw new UncheckedIOException(new SocketException("Unexpected end of file from server"));
        });
        http.answers.add(() -> ok(new byte[0]));

        uploads.saveRows("results/c/i/a.json", List.of(Row.toRenew(2, "a@b.example", "L1")));

        assertThat(http.requests).containsExactly("PUT /uploads/results/c/i/a.json", "PUT /uploads/results/c/i/a.json");
    }

    @Test
    void aDownloadThatEndsShortIsTriedAgainAndTheCopyIsWhole() throws IOException {
        http.answers.add(() -> ok(new byte[]{'e', 'm'}));
        http.answers.add(() -> ok(CSV));

        try (Uploads.LocalCopy copy = uploads.copy(UPLOAD); InputStream in = copy.open()) {
            assertThat(in.readAllBytes()).isEqualTo(CSV);
        }
        assertThat(http.requests).containsExactly("GET /uploads/uploads/c/i.csv", "GET /uploads/uploads/c/i.csv");
    }

    @Test
    void aDownloadThatKeepsEndingShortFailsRatherThanAnalyseACutFile() {
        http.answers.add(() -> ok(new byte[]{'e', 'm'}));

        assertThatThrownBy(() -> uploads.copy(UPLOAD)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("failed " + S3Uploads.ATTEMPTS + " times")
                .hasRootCauseMessage("uploads/c/i.csv: 2 of " + CSV.length + " bytes arrived");
    }

    @Test
    void aMultipartObjectsCopyIsCheckedAgainstTheChecksumS3KeepsForIt() throws IOException {
        http.answers.add(() -> ok(CSV, "x-amz-checksum-sha256", base64(digest("SHA-256", CSV)), "x-amz-checksum-type", "FULL_OBJECT"));

        try (Uploads.LocalCopy copy = uploads.copy(MULTIPART); InputStream in = copy.open()) {
            assertThat(in.readAllBytes()).isEqualTo(CSV);
        }
        assertThat(http.headers).singleElement().satisfies(sent -> assertThat(sent).containsEntry("x-amz-checksum-mode",
                List.of("ENABLED")));
    }

    @Test
    void aCopyWhoseBytesDoNotMatchTheObjectsChecksumFailsRatherThanBeAnalysed() {
        byte[] changed = CSV.clone();
        changed[3] ^= 0x01;
        CRC32 crc = new CRC32();
        crc.update(CSV);
        String crc32 = base64(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        http.answers.add(() -> ok(changed, "x-amz-checksum-crc32", crc32, "x-amz-checksum-type", "FULL_OBJECT"));

        assertThatThrownBy(() -> uploads.copy(MULTIPART)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("failed " + S3Uploads.ATTEMPTS + " times")
                .rootCause().hasMessageContaining("do not match the object's CRC32 (x-amz-checksum-crc32)");
        assertThat(http.requests).hasSize(S3Uploads.ATTEMPTS);
    }

    private static HttpExecuteResponse ok(byte[] body, String... headers) {
        SdkHttpResponse.Builder response = SdkHttpResponse.builder().statusCode(200);
        for (int i = 0; i < headers.length; i += 2) response.putHeader(headers[i], headers[i + 1]);
        return HttpExecuteResponse.builder().response(response.build())
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body))).build();
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}

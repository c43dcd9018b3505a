package com.partnerchannel.licensing.contract;

import com.partnerchannel.licensing.renewal.application.Uploads;
import com.partnerchannel.licensing.s3.S3Uploads;
import com.partnerchannel.licensing.testing.LocalS3;
import org.junit.jupiter.api.AfterAll;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Uploads contract on the S3 adapter, over S3Proxy; each upload is a PUT to the URL the adapter signs, as
 * a manager's {@code curl -T} makes it.
 */
class S3UploadsContractIT extends UploadsContract {
    private static final String BUCKET = "uploads";
    private static final LocalS3 S3 = LocalS3.start().withBucket(BUCKET);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final S3Uploads uploads = S3Uploads.local(S3.endpoint(), S3.credentials(), BUCKET);

    @AfterAll
    static void stop() {
        S3.close();
    }

    @Override
    protected Uploads uploads() {
        return uploads;
    }

    @Override
    protected void upload(String key, String content) {
        try {
            HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(uploads.presignPut(key, Duration.ofMinutes(5)))
                    .PUT(HttpRequest.BodyPublishers.ofString(content)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package com.partnerchannel.licensing.s3;

import com.partnerchannel.licensing.aws.AwsCalls;
import com.partnerchannel.licensing.testing.LocalS3;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.endpoints.S3EndpointParams;
import software.amazon.awssdk.services.s3.endpoints.S3EndpointProvider;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The upload bucket's calls held to the generated S3 client and presigner (test scope only): the same pre-signed
 * URL (host, path, query parameters but the signature and time, session token), the same virtual-hosted endpoint
 * in 5 regions of 3 partitions, and the same error for a GetObject of a missing key on S3Proxy. The AWS reference
 * for a pre-signed URL (SigV4, query-string authentication): {@code X-Amz-Algorithm}, {@code X-Amz-Credential},
 * {@code X-Amz-Date}, {@code X-Amz-Expires}, {@code X-Amz-SignedHeaders} and {@code X-Amz-Signature}, with
 * {@code UNSIGNED-PAYLOAD} as the payload's hash.
 */
class S3UploadsParityIT {
    private static final String BUCKET = "uploads";
    private static final LocalS3 S3 = LocalS3.start().withBucket(BUCKET);
    private static final StaticCredentialsProvider SESSION = StaticCredentialsProvider.create(
            AwsSessionCredentials.create("ASIALOCALKEY", "local-secret", "local-session-token"));

    @AfterAll
    static void stop() {
        S3.close();
    }

    @Test
    void aPresignedPutIsTheOneTheSdksPresignerMakesOnS3() {
        Region region = Region.EU_WEST_1;
        URI bySdk;
        try (S3Presigner presigner = S3Presigner.builder().region(region).credentialsProvider(SESSION).build()) {
            bySdk = URI.create(presigner.presignPutObject(r -> r.signatureDuration(Duration.ofMinutes(15))
                    .putObjectRequest(p -> p.bucket("partner-licensing-uploads").key("uploads/C1/01IMPORT name.csv"))).url().toString());
        }
        URI thin = new S3Uploads(AwsCalls.builder(AwsCalls.Service.S3).region(region).credentials(SESSION).build(),
                "partner-licensing-uploads").presignPut("uploads/C1/01IMPORT name.csv", Duration.ofMinutes(15));

        assertThat(thin.getScheme()).isEqualTo(bySdk.getScheme()).isEqualTo("https");
        assertThat(thin.getHost()).isEqualTo(bySdk.getHost()).isEqualTo("partner-licensing-uploads.s3.eu-west-1.amazonaws.com");
        assertThat(thin.getRawPath()).isEqualTo(bySdk.getRawPath()).isEqualTo("/uploads/C1/01IMPORT%20name.csv");
        Map<String, String> ours = query(thin);
        Map<String, String> theirs = query(bySdk);
        assertThat(ours.keySet()).isEqualTo(theirs.keySet());
        for (String name : new String[]{"X-Amz-Algorithm", "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Security-Token"}) {
            assertThat(ours.get(name)).as(name).isEqualTo(theirs.get(name));
        }
        assertThat(ours.get("X-Amz-Credential")).endsWith("%2Feu-west-1%2Fs3%2Faws4_request")
                .isEqualTo(theirs.get("X-Amz-Credential"));
        assertThat(ours.get("X-Amz-Expires")).isEqualTo("900");
    }

    @ParameterizedTest
    @ValueSource(strings = {"us-east-1", "eu-west-1", "ap-southeast-2", "cn-north-1", "us-gov-west-1"})
    void theBucketsEndpointIsTheGeneratedClientsOne(String id) {
        Region region = Region.of(id);
        URI bySdk = S3EndpointProvider.defaultProvider()
                .resolveEndpoint(S3EndpointParams.builder().region(region).bucket("partner-licensing-uploads").build()).join().url();
        URI thin = new S3Uploads(AwsCalls.builder(AwsCalls.Service.S3).region(region).credentials(SESSION).build(),
                "partner-licensing-uploads").presignPut("k", Duration.ofMinutes(1));

        assertThat(thin.getHost()).isEqualTo(bySdk.getHost());
    }

    @Test
    void aMissingObjectIsTheErrorTheGeneratedClientThrows() {
        AwsServiceException bySdk;
        try (S3Client sdk = S3.client()) {
            bySdk = catchThrowableOfType(AwsServiceException.class, () -> sdk.getObjectAsBytes(r -> r.bucket(BUCKET).key("missing.json")));
            sdk.putObject(r -> r.bucket(BUCKET).key("present.json"), RequestBody.fromString("[]"));
        }
        S3Uploads uploads = S3Uploads.local(S3.endpoint(), S3.credentials(), BUCKET);
        AwsServiceException thin = catchThrowableOfType(AwsServiceException.class, () -> uploads.rows("missing.json"));

        assertThat(thin.statusCode()).isEqualTo(bySdk.statusCode()).isEqualTo(404);
        assertThat(thin.awsErrorDetails().errorCode()).isEqualTo(bySdk.awsErrorDetails().errorCode()).isEqualTo("NoSuchKey");
        assertThat(thin.awsErrorDetails().errorMessage()).isEqualTo(bySdk.awsErrorDetails().errorMessage());
        assertThat(uploads.head("missing.json")).isEmpty();
        assertThat(uploads.head("present.json")).get().satisfies(upload -> assertThat(upload.size()).isEqualTo(2));
    }

    private static Map<String, String> query(URI uri) {
        return Arrays.stream(uri.getRawQuery().split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> p.length > 1 ? p[1] : "", (a, b) -> a, TreeMap::new));
    }
}

package com.partnerchannel.licensing.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerchannel.licensing.observability.XRaySubsegments;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * A few calls of one AWS service as signed HTTP requests: what a function uses instead of a generated
 * client when it calls one operation of a service whose client would put 1.8–4.4 MB in its jar
 * (docs/benchmarks.md, "Thin clients"). Each call does what the generated client's call does, with the same
 * SDK pieces: credentials from the SDK's default chain (the function's role, session token included), the
 * SDK's SigV4 signer, the SDK's HTTP client, and the retry strategy the generated client would pick (the
 * SDK's for the configured retry mode: the same attempts, backoff and retryable errors). A refused call is
 * thrown as the {@link AwsServiceException} the generated client throws (error code, message, status and
 * request id; the service's own subclass is not there), a failed connection as an {@link SdkClientException}.
 * In a traced function each call is an X-Ray subsegment, as an SDK client's call is.
 *
 * <p>Not done, as no caller needs it: clock-skew correction, FIPS or dual-stack endpoints, request
 * compression, the SDK's metrics publishers and execution interceptors.
 */
public final class AwsCalls implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    /**
     * A service as SigV4 and its endpoints name it, and as the SDK names it in errors and traces.
     *
     * @param signingName    the credential scope's service ({@code events}, {@code ses})
     * @param endpointPrefix the regional endpoint's first label ({@code events}, {@code email})
     * @param name           the SDK's service id, as X-Ray subsegments name it ({@code EventBridge}, {@code SESv2})
     * @param errorName      the service name of the SDK's errors ({@code EventBridge}, {@code SesV2})
     */
    public record Service(String signingName, String endpointPrefix, String name, String errorName) {
        public static final Service EVENTBRIDGE = new Service("events", "events", "EventBridge", "EventBridge");
        public static final Service SES_V2 = new Service("ses", "email", "SESv2", "SesV2");
        public static final Service S3 = new Service("s3", "s3", "S3", "S3");

        /** S3 signs its paths as they are (no double encoding, no normalising) and its payload's hash in a header. */
        boolean isS3() {
            return signingName.equals("s3");
        }
    }

    /**
     * A request of one operation, before signing: the path is relative to the endpoint, already encoded; the
     * host prefix goes before the endpoint's host (an S3 bucket's {@code bucket.}), empty for none.
     */
    public record Call(String operation, SdkHttpMethod method, String hostPrefix, String path, Map<String, String> headers,
                       byte[] body) {
        public static Call json(String operation, String path, String contentType, Map<String, String> headers, byte[] body) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.put("Content-Type", contentType);
            return new Call(operation, SdkHttpMethod.POST, "", path, all, body);
        }
    }

    /** A 2xx answer whose body is still to be read: the caller closes it. */
    public record Opened(int status, SdkHttpResponse http, InputStream body) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    /** A 2xx answer, read whole. */
    public record Answer(int status, SdkHttpResponse http, byte[] body) {
        public JsonNode json() {
            try {
                return body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
            } catch (IOException e) {
                throw SdkClientException.create("Unable to unmarshall response: " + e.getMessage(), e);
            }
        }
    }

    private final Service service;
    private final Region region;
    private final URI endpoint;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient http;
    private final RetryStrategy retries;
    private final Optional<XRaySubsegments> tracing;
    private final boolean endpointOverridden;

    private AwsCalls(Builder builder) {
        this.endpointOverridden = builder.endpoint != null;
        this.service = builder.service;
        this.region = builder.region != null ? builder.region : new DefaultAwsRegionProviderChain().getRegion();
        this.endpoint = builder.endpoint != null ? builder.endpoint : defaultEndpoint(service, region);
        this.credentials = builder.credentials != null ? builder.credentials : DefaultCredentialsProvider.builder().build();
        this.http = builder.http != null ? builder.http : UrlConnectionHttpClient.create();
        this.retries = builder.retries != null ? builder.retries : defaultRetryStrategy();
        this.tracing = builder.tracing;
    }

    public static Builder builder(Service service) {
        return new Builder(service);
    }

    /** {@code https://<prefix>.<region>.<partition's DNS suffix>}, as the SDK's endpoint rules resolve it for these services. */
    static URI defaultEndpoint(Service service, Region region) {
        return URI.create("https://" + service.endpointPrefix() + "." + region.id() + "." + PartitionMetadata.of(region).dnsSuffix());
    }

    /**
     * What a generated client uses when nothing is configured: the SDK's strategy for the retry mode that
     * {@code AWS_RETRY_MODE}, {@code aws.retryMode} or the profile names (legacy when none does: 4 attempts).
     */
    static RetryStrategy defaultRetryStrategy() {
        return AwsRetryStrategy.forRetryMode(RetryMode.resolver().resolve());
    }

    public Service service() {
        return service;
    }

    public Region region() {
        return region;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Whether the endpoint was given (the runner's and the tests' local servers), not the service's own. */
    public boolean endpointOverridden() {
        return endpointOverridden;
    }

    /**
     * Makes the call, retried as the SDK would, and answers its 2xx answer; anything else is thrown as the
     * last attempt's failure.
     */
    public Answer call(Call call) {
        try (Opened opened = open(call)) {
            return new Answer(opened.status(), opened.http(), readAll(opened.body()));
        } catch (IOException e) {
            throw SdkClientException.create("Unable to read the response: " + e.getMessage(), e);
        }
    }

    /**
     * Makes the call, retried as the SDK would until an attempt answers 2xx, and answers that answer with its
     * body unread (an S3 object streamed to a file); anything else is thrown as the last attempt's failure.
     */
    public Opened open(Call call) {
        Optional<XRaySubsegments.TracedCall> traced = tracing.flatMap(t -> t.start(service.name(), call.operation(), region.id()));
        RetryToken token = retries.acquireInitialToken(AcquireInitialTokenRequest.create(service.name())).token();
        for (int attempt = 1; ; attempt++) {
            HttpExecuteResponse response = null;
            try {
                HttpExecuteResponse answered = attempt(call, traced);
                response = answered;
                int status = answered.httpResponse().statusCode();
                if (status / 100 != 2) throw error(answered.httpResponse(), read(answered), attempt);
                retries.recordSuccess(RecordSuccessRequest.create(token));
                String requestId = requestId(answered.httpResponse());
                traced.ifPresent(t -> t.end(status, requestId, null));
                InputStream body = answered.responseBody().map(InputStream.class::cast).orElseGet(InputStream::nullInputStream);
                return new Opened(status, answered.httpResponse(), body);
            } catch (SdkException failure) {
                try {
                    var refreshed = retries.refreshRetryToken(RefreshRetryTokenRequest.builder().token(token).failure(failure).build());
                    token = refreshed.token();
                    sleep(refreshed.delay());
                } catch (TokenAcquisitionFailedException exhausted) {
                    Integer status = response == null ? null : response.httpResponse().statusCode();
                    String requestId = response == null ? null : requestId(response.httpResponse());
                    traced.ifPresent(t -> t.end(status, requestId, failure));
                    throw failure;
                }
            }
        }
    }

    /**
     * A pre-signed URL for the call (SigV4 in the query string, {@code UNSIGNED-PAYLOAD}), valid for
     * {@code validFor}: what the SDK's S3 presigner makes for a PutObject.
     */
    public URI presign(Call call, Duration validFor) {
        SdkHttpFullRequest request = unsigned(call, Optional.empty()).build();
        AwsCredentialsIdentity identity = credentials.resolveCredentials();
        SignedRequest signed = SIGNER.sign(r -> r.identity(identity).request(request)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service.signingName())
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id())
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, !service.isS3())
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, !service.isS3())
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4HttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, validFor)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false));
        return signed.request().getUri();
    }

    /**
     * For SnapStart priming: signs the call as {@link #call} would, reads {@code sampleAnswer} as its 2xx
     * answer and maps a sample throttling error, sending nothing. The HTTP client's classes are warmed by the
     * DynamoDB client's priming call: both are the SDK's url-connection client.
     */
    public JsonNode prime(Call call, String sampleAnswer) {
        sign(call, Optional.empty());
        error(SdkHttpResponse.builder().statusCode(400).putHeader("x-amzn-ErrorType", "ThrottlingException")
                .putHeader("x-amzn-RequestId", "priming").build(), "{\"message\":\"priming\"}".getBytes(UTF_8), 1);
        return new Answer(200, SdkHttpResponse.builder().statusCode(200).build(), sampleAnswer.getBytes(UTF_8)).json();
    }

    private HttpExecuteResponse attempt(Call call, Optional<XRaySubsegments.TracedCall> traced) {
        SignedRequest signed = sign(call, traced);
        try {
            return http.prepareRequest(HttpExecuteRequest.builder().request(signed.request())
                    .contentStreamProvider(hasBody(call) ? signed.payload().orElse(null) : null).build()).call();
        } catch (IOException e) {
            throw SdkClientException.create("Unable to execute HTTP request: " + e.getMessage(), e);
        }
    }

    /** A GET or HEAD with nothing to send goes without a body and its length, as the SDK sends them. */
    private static boolean hasBody(Call call) {
        return call.body().length > 0 || call.method() == SdkHttpMethod.POST || call.method() == SdkHttpMethod.PUT;
    }

    private SdkHttpFullRequest.Builder unsigned(Call call, Optional<XRaySubsegments.TracedCall> traced) {
        URI base = call.hostPrefix().isEmpty() ? endpoint
                : URI.create(endpoint.getScheme() + "://" + call.hostPrefix() + endpoint.getRawAuthority());
        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder().uri(base).method(call.method())
                .encodedPath(join(endpoint.getRawPath(), call.path()));
        call.headers().forEach(request::putHeader);
        traced.ifPresent(t -> request.putHeader("X-Amzn-Trace-Id", t.traceHeader()));
        return request;
    }

    private SignedRequest sign(Call call, Optional<XRaySubsegments.TracedCall> traced) {
        SdkHttpFullRequest.Builder request = unsigned(call, traced);
        if (hasBody(call)) request.putHeader("Content-Length", Integer.toString(call.body().length));
        if (service.isS3()) request.putHeader("x-amz-content-sha256", sha256Hex(call.body()));
        ContentStreamProvider body = ContentStreamProvider.fromByteArrayUnsafe(call.body());
        AwsCredentialsIdentity identity = credentials.resolveCredentials();
        return SIGNER.sign(r -> r.identity(identity).request(request.build()).payload(body)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service.signingName())
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id())
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, !service.isS3())
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, !service.isS3()));
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String join(String base, String path) {
        if (base == null || base.isEmpty() || base.equals("/")) return path;
        return base.endsWith("/") ? base.substring(0, base.length() - 1) + path : base + path;
    }

    private static byte[] read(HttpExecuteResponse response) {
        if (response.responseBody().isEmpty()) return new byte[0];
        try (InputStream in = response.responseBody().get()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw SdkClientException.create("Unable to read the response: " + e.getMessage(), e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    /**
     * The error as the SDK's protocols read it. JSON (SES, EventBridge): the code from {@code x-amzn-ErrorType},
     * else the body's {@code __type} or {@code code} (without a namespace), the message from the body's
     * {@code message}. S3: the {@code <Error>} document's {@code Code}, {@code Message} and {@code RequestId}
     * (none for a HEAD, whose answer has no body: its status says it).
     */
    AwsServiceException error(SdkHttpResponse response, byte[] body, int attempts) {
        String code;
        String message;
        String requestId = requestId(response);
        if (service.isS3()) {
            Map<String, String> xml = S3Errors.read(body);
            code = xml.get("Code");
            message = xml.get("Message");
            if (requestId == null) requestId = xml.get("RequestId");
        } else {
            JsonNode json = readOrEmpty(body);
            code = response.firstMatchingHeader("x-amzn-ErrorType").map(AwsCalls::withoutNamespace)
                    .orElseGet(() -> text(json, "__type", "code", "Code").map(AwsCalls::withoutNamespace).orElse(null));
            message = text(json, "message", "Message", "errorMessage").orElse(null);
        }
        return AwsServiceException.builder().message(message).statusCode(response.statusCode()).requestId(requestId)
                .extendedRequestId(response.firstMatchingHeader("x-amz-id-2").orElse(null))
                .numAttempts(attempts)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName(service.errorName())
                        .sdkHttpResponse(response).rawResponse(SdkBytes.fromByteArray(body)).build())
                .build();
    }

    private static JsonNode readOrEmpty(byte[] body) {
        try {
            JsonNode json = body.length == 0 ? null : JSON.readTree(body);
            return json == null ? JSON.createObjectNode() : json;
        } catch (IOException notJson) {
            return JSON.createObjectNode();
        }
    }

    private static Optional<String> text(JsonNode json, String... names) {
        for (String name : names) {
            if (json.hasNonNull(name)) return Optional.of(json.get(name).asText());
        }
        return Optional.empty();
    }

    /** {@code ThrottlingException:http://internal…} or {@code com.amazon…#ThrottlingException}: {@code ThrottlingException}. */
    static String withoutNamespace(String code) {
        String bare = code.contains(":") ? code.substring(0, code.indexOf(':')) : code;
        return bare.contains("#") ? bare.substring(bare.lastIndexOf('#') + 1) : bare;
    }

    private static String requestId(SdkHttpResponse response) {
        return response.firstMatchingHeader("x-amzn-RequestId").or(() -> response.firstMatchingHeader("x-amz-request-id"))
                .orElse(null);
    }

    private static void sleep(Duration delay) {
        if (delay.isZero() || delay.isNegative()) return;
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SdkClientException.create("interrupted while waiting to retry", e);
        }
    }

    @Override
    public void close() {
        http.close();
    }

    public static final class Builder {
        private final Service service;
        private Region region;
        private URI endpoint;
        private AwsCredentialsProvider credentials;
        private SdkHttpClient http;
        private RetryStrategy retries;
        private Optional<XRaySubsegments> tracing = Optional.empty();

        private Builder(Service service) {
            this.service = service;
        }

        /** Default: the SDK's region chain ({@code AWS_REGION} in a function, {@code aws.region}, the profile). */
        public Builder region(Region region) {
            this.region = region;
            return this;
        }

        /** Default: the service's regional endpoint. */
        public Builder endpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /** Default: the SDK's default chain (in Lambda: the role's key, secret and session token from the environment). */
        public Builder credentials(AwsCredentialsProvider credentials) {
            this.credentials = credentials;
            return this;
        }

        /** Default: the SDK's url-connection client with its defaults, as every client here uses. */
        public Builder http(SdkHttpClient http) {
            this.http = http;
            return this;
        }

        /** Default: {@link #defaultRetryStrategy()}. */
        public Builder retries(RetryStrategy retries) {
            this.retries = retries;
            return this;
        }

        public Builder tracing(Optional<XRaySubsegments> tracing) {
            this.tracing = tracing;
            return this;
        }

        public AwsCalls build() {
            return new AwsCalls(this);
        }
    }
}

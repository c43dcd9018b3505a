package com.partnerchannel.licensing.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerchannel.licensing.eventbridge.EventBridgeBus;
import com.partnerchannel.licensing.notification.model.Email;
import com.partnerchannel.licensing.outbox.OutboxEvent;
import com.partnerchannel.licensing.ses.SesMailer;
import com.partnerchannel.licensing.testing.Loopback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.endpoints.EventBridgeEndpointParams;
import software.amazon.awssdk.services.eventbridge.endpoints.EventBridgeEndpointProvider;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.endpoints.SesV2EndpointParams;
import software.amazon.awssdk.services.sesv2.endpoints.SesV2EndpointProvider;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.EmailContent;
import software.amazon.awssdk.services.sesv2.model.Message;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The thin SES v2 and EventBridge calls held to the generated clients they replace (test scope only here): the
 * same request on the wire (method, path, content type, target, body, SigV4 scope and signed headers, session
 * token), the same endpoints, and on an error the same attempts and the same exception (code, status, request
 * id, throttling or not). The shapes are also those of the AWS API references: SES v2 SendEmail is
 * {@code POST /v2/email/outbound-emails} with {@code Content-type: application/json}; EventBridge PutEvents is
 * a {@code POST /} with {@code X-Amz-Target: AWSEvents.PutEvents} and {@code application/x-amz-json-1.1}, its
 * entries' {@code Time} a timestamp (epoch seconds in the JSON protocol).
 */
class AwsCallsParityIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StaticCredentialsProvider SESSION = StaticCredentialsProvider.create(
            AwsSessionCredentials.create("ASIALOCALKEY", "local-secret", "local-session-token"));
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request, SignedHeaders=([^,]+), Signature=[0-9a-f]{64}");
    private static final OutboxEvent EVENT = new OutboxEvent("01EVENT", "OrderRequested", "01COMPANY",
            Instant.parse("2026-03-01T09:00:00.123Z"), "{\"orderId\":\"01ORDER\",\"quantity\":25}");
    private static final Email EMAIL = new Email("manager@customer.test", "Licences expire soon — é", "text ü", "<p>html</p>");

    private final Loopback aws = new Loopback(request -> request.path().startsWith("/v2/email")
            ? new Loopback.Answer(200, "{\"MessageId\":\"m-1\"}")
            : new Loopback.Answer(200, "{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"e-1\"}]}"));

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void putEventsSendsWhatTheEventBridgeClientSends() {
        try (EventBridgeClient sdk = sdkEventBridge()) {
            sdk.putEvents(r -> r.entries(PutEventsRequestEntry.builder().eventBusName("licensing").source(EventBridgeBus.SOURCE)
                    .detailType(EVENT.type()).time(EVENT.occurredAt()).detail(EventBridgeBus.detail(EVENT)).build()));
        }
        assertThat(new EventBridgeBus(thin(AwsCalls.Service.EVENTBRIDGE), "licensing").publish(List.of(EVENT))).isEmpty();

        Loopback.Request bySdk = aws.requests.get(0);
        Loopback.Request thin = aws.requests.get(1);
        assertSameRequest(thin, bySdk, "events");
        assertThat(thin.method()).isEqualTo("POST");
        assertThat(thin.path()).isEqualTo("/");
        assertThat(thin.header("X-Amz-Target")).isEqualTo("AWSEvents.PutEvents");
        assertThat(thin.header("Content-Type")).isEqualTo("application/x-amz-json-1.1");
        JsonNode entry = read(thin.body()).path("Entries").get(0);
        assertThat(entry.path("Time").decimalValue()).isEqualByComparingTo("1772355600.123");
        assertThat(read(entry.path("Detail").asText()).path("eventId").asText()).isEqualTo("01EVENT");
    }

    @Test
    void sendEmailSendsWhatTheSesV2ClientSends() {
        try (SesV2Client sdk = sdkSes()) {
            Message message = Message.builder().subject(utf8(EMAIL.subject()))
                    .body(Body.builder().text(utf8(EMAIL.text())).html(utf8(EMAIL.html())).build()).build();
            sdk.sendEmail(r -> r.fromEmailAddress("licences@partnerchannel.example").destination(d -> d.toAddresses(EMAIL.to()))
                    .content(EmailContent.builder().simple(message).build()).configurationSetName("partner-licensing-email"));
        }
        String messageId = new SesMailer(thin(AwsCalls.Service.SES_V2), "licences@partnerchannel.example",
                Optional.of("partner-licensing-email")).send(EMAIL);

        assertThat(messageId).isEqualTo("m-1");
        Loopback.Request bySdk = aws.requests.get(0);
        Loopback.Request thin = aws.requests.get(1);
        assertSameRequest(thin, bySdk, "ses");
        assertThat(thin.method()).isEqualTo("POST");
        assertThat(thin.path()).isEqualTo("/v2/email/outbound-emails");
        assertThat(thin.header("Content-Type")).isEqualTo("application/json");
    }

    /** The SDK's retry strategy decides from the exception: the same exception is retried the same number of times. */
    @ParameterizedTest
    @CsvSource({
            "EVENTBRIDGE, 400, ThrottlingException, Rate exceeded",
            "EVENTBRIDGE, 500, InternalException, Internal error",
            "EVENTBRIDGE, 400, ValidationException, 1 validation error detected",
            "SES_V2, 429, TooManyRequestsException, Maximum sending rate exceeded.",
            "SES_V2, 400, ThrottlingException, Daily message quota exceeded.",
            "SES_V2, 400, MessageRejected, Email address is not verified.",
            "SES_V2, 503, ServiceUnavailable, Service unavailable"})
    void anErrorIsRetriedAndThrownAsTheGeneratedClientDoes(String service, int status, String code, String message) {
        aws.answer = request -> new Loopback.Answer(status, "{\"message\":\"" + message + "\"}",
                Map.of("x-amzn-ErrorType", code + ":http://internal.amazon.com/coral/", "x-amzn-RequestId", "req-" + status));
        boolean events = service.equals("EVENTBRIDGE");

        AwsServiceException bySdk = catchThrowableOfType(AwsServiceException.class, () -> {
            if (events) {
                try (EventBridgeClient sdk = sdkEventBridge()) {
                    sdk.putEvents(r -> r.entries(PutEventsRequestEntry.builder().source("s").detailType("t").detail("{}").build()));
                }
            } else {
                try (SesV2Client sdk = sdkSes()) {
                    sdk.sendEmail(r -> r.fromEmailAddress("a@b.test").content(c -> c.simple(m -> m.subject(utf8("s")).body(b -> b.text(utf8("t"))))));
                }
            }
        });
        int sdkAttempts = aws.requests.size();
        aws.requests.clear();
        AwsServiceException byThin = catchThrowableOfType(AwsServiceException.class, () -> {
            if (events) new EventBridgeBus(thin(AwsCalls.Service.EVENTBRIDGE), "licensing").publish(List.of(EVENT));
            else new SesMailer(thin(AwsCalls.Service.SES_V2), "a@b.test").send(EMAIL);
        });

        assertThat(aws.requests).as("attempts").hasSize(sdkAttempts);
        assertThat(byThin.awsErrorDetails().errorCode()).isEqualTo(bySdk.awsErrorDetails().errorCode()).isEqualTo(code);
        assertThat(byThin.awsErrorDetails().errorMessage()).isEqualTo(bySdk.awsErrorDetails().errorMessage()).isEqualTo(message);
        assertThat(byThin.awsErrorDetails().serviceName()).isEqualTo(bySdk.awsErrorDetails().serviceName());
        assertThat(byThin.statusCode()).isEqualTo(bySdk.statusCode()).isEqualTo(status);
        assertThat(byThin.requestId()).isEqualTo(bySdk.requestId()).isEqualTo("req-" + status);
        assertThat(byThin.isThrottlingException()).isEqualTo(bySdk.isThrottlingException());
        assertThat(byThin.retryable()).isEqualTo(bySdk.retryable());
    }

    @ParameterizedTest
    @ValueSource(strings = {"us-east-1", "eu-west-1", "ap-southeast-2", "cn-north-1", "us-gov-west-1"})
    void theEndpointsAreTheGeneratedClientsOnes(String id) {
        Region region = Region.of(id);
        URI eventBridge = EventBridgeEndpointProvider.defaultProvider()
                .resolveEndpoint(EventBridgeEndpointParams.builder().region(region).build()).join().url();
        URI ses = SesV2EndpointProvider.defaultProvider()
                .resolveEndpoint(SesV2EndpointParams.builder().region(region).build()).join().url();

        assertThat(AwsCalls.defaultEndpoint(AwsCalls.Service.EVENTBRIDGE, region)).isEqualTo(eventBridge);
        assertThat(AwsCalls.defaultEndpoint(AwsCalls.Service.SES_V2, region)).isEqualTo(ses);
    }

    @Test
    void primingSignsAndReadsButSendsNothing() {
        new EventBridgeBus(thin(AwsCalls.Service.EVENTBRIDGE), "licensing").prime();
        new SesMailer(thin(AwsCalls.Service.SES_V2), "licences@partnerchannel.example").prime();

        assertThat(aws.requests).isEmpty();
    }

    /** What the server reads to route, decode and authenticate the request is the same; the signature's time is not. */
    private static void assertSameRequest(Loopback.Request thin, Loopback.Request bySdk, String signingName) {
        assertThat(thin.method()).isEqualTo(bySdk.method());
        assertThat(thin.path()).isEqualTo(bySdk.path());
        assertThat(thin.header("Content-Type")).isEqualTo(bySdk.header("Content-Type"));
        assertThat(thin.header("X-Amz-Target")).isEqualTo(bySdk.header("X-Amz-Target"));
        assertThat(read(thin.body())).isEqualTo(read(bySdk.body()));
        assertThat(thin.header("X-Amz-Security-Token")).isEqualTo(bySdk.header("X-Amz-Security-Token")).isEqualTo("local-session-token");
        Matcher ours = AUTHORIZATION.matcher(thin.header("Authorization"));
        Matcher theirs = AUTHORIZATION.matcher(bySdk.header("Authorization"));
        assertThat(ours.matches()).as(thin.header("Authorization")).isTrue();
        assertThat(theirs.matches()).as(bySdk.header("Authorization")).isTrue();
        assertThat(ours.group(1)).isEqualTo("ASIALOCALKEY");
        assertThat(ours.group(3)).isEqualTo(theirs.group(3)).isEqualTo("eu-west-1");
        assertThat(ours.group(4)).isEqualTo(theirs.group(4)).isEqualTo(signingName);
        List<String> signed = List.of(ours.group(5).split(";"));
        assertThat(signed).contains("host", "x-amz-date", "x-amz-security-token", "content-type");
        assertThat(List.of(theirs.group(5).split(";"))).containsAll(signed.stream()
                .filter(h -> !h.equals("content-length")).toList());
    }

    /**
     * Both clients keep their own default retry strategy (the retry mode's attempts, retryable and throttling
     * errors), with only its waits taken out: the attempts compared are the same, and the throttling cases do
     * not sleep the SDK's backoff (up to 0.5, 1 and 2 s a retry, 17 s of the run) on both sides.
     */
    private static void noWaits(RetryStrategy.Builder<?, ?> strategy) {
        strategy.backoffStrategy(BackoffStrategy.retryImmediately()).throttlingBackoffStrategy(BackoffStrategy.retryImmediately());
    }

    private AwsCalls thin(AwsCalls.Service service) {
        RetryStrategy.Builder<?, ?> retries = AwsCalls.defaultRetryStrategy().toBuilder();
        noWaits(retries);
        return AwsCalls.builder(service).endpoint(aws.uri()).region(Region.EU_WEST_1).credentials(SESSION)
                .retries(retries.build()).build();
    }

    private EventBridgeClient sdkEventBridge() {
        return EventBridgeClient.builder().endpointOverride(aws.uri()).region(Region.EU_WEST_1).credentialsProvider(SESSION)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(AwsCallsParityIT::noWaits)).build();
    }

    private SesV2Client sdkSes() {
        return SesV2Client.builder().endpointOverride(aws.uri()).region(Region.EU_WEST_1).credentialsProvider(SESSION)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(AwsCallsParityIT::noWaits)).build();
    }

    private static Content utf8(String data) {
        return Content.builder().charset("UTF-8").data(data).build();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

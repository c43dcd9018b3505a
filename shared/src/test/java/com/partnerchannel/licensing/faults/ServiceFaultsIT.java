package com.partnerchannel.licensing.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerchannel.licensing.aws.AwsCalls;
import com.partnerchannel.licensing.aws.HttpClientWrapper;
import com.partnerchannel.licensing.eventbridge.EventBridgeBus;
import com.partnerchannel.licensing.notification.model.Email;
import com.partnerchannel.licensing.outbox.OutboxEvent;
import com.partnerchannel.licensing.ses.SesMailer;
import com.partnerchannel.licensing.testing.Loopback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The SES and EventBridge injectors around the HTTP client of the SES and EventBridge calls (signed, retried by
 * the SDK's strategy) against a loopback endpoint: a refused attempt
 * sends nothing, and a failed PutEvents entry never reaches the bus and comes back failed in its place.
 */
class ServiceFaultsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Email NOTICE = new Email("manager@customer.test", "Licences expire soon", "text", "<p>html</p>");

    /** Answers SendEmail with a message id and PutEvents with an EventId for each entry it was sent. */
    private final Loopback aws = new Loopback(request -> {
        if (!request.path().startsWith("/v2/email")) {
            int entries = read(request.body()).path("Entries").size();
            StringBuilder results = new StringBuilder();
            for (int i = 0; i < entries; i++) results.append(i == 0 ? "" : ",").append("{\"EventId\":\"e-").append(i).append("\"}");
            return new Loopback.Answer(200, "{\"FailedEntryCount\":0,\"Entries\":[" + results + "]}");
        }
        return new Loopback.Answer(200, "{\"MessageId\":\"m-1\"}");
    });

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void failedEntriesNeverReachTheBusAndComeBackAsNotPublishedWhileTheOthersGoThrough() {
        EventBridgeFaults faults = new EventBridgeFaults(Faults.parse("eventbridge-failed-entry=0.4", 3));
        EventBridgeBus bus = new EventBridgeBus(eventBridge(faults::around), "licensing");
        List<OutboxEvent> events = IntStream.range(0, 10).mapToObj(ServiceFaultsIT::event).toList();

        List<String> notPublished = bus.publish(events);

        List<String> onTheBus = new ArrayList<>();
        aws.requests.forEach(request -> read(request.body()).path("Entries")
                .forEach(entry -> onTheBus.add(read(entry.path("Detail").asText()).path("eventId").asText())));
        assertThat(notPublished).isNotEmpty().hasSize((int) faults.injected());
        assertThat(onTheBus).doesNotContainAnyElementsOf(notPublished);
        assertThat(onTheBus).hasSize(10 - notPublished.size());
        List<String> all = new ArrayList<>(onTheBus);
        all.addAll(notPublished);
        assertThat(all).containsExactlyInAnyOrderElementsOf(events.stream().map(OutboxEvent::eventId).toList());
    }

    @Test
    void aThrottledPutEventsIsRetriedAsTheSdkRetriesAndWhenItNeverPassesNothingReachesTheBus() {
        EventBridgeFaults faults = new EventBridgeFaults(Faults.parse("eventbridge-throttle=1", 3));

        Throwable thrown = catchThrowable(() -> new EventBridgeBus(eventBridge(faults::around), "licensing").publish(List.of(event(1))));

        assertThat(thrown).isInstanceOf(AwsServiceException.class);
        assertThat(((AwsServiceException) thrown).awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
        assertThat(faults.injected()).as("one per attempt of the SDK's default strategy").isEqualTo(4);
        assertThat(aws.requests).isEmpty();
    }

    @Test
    void sesAtItsSendingRateOrDailyQuotaRefusesTheEmailAndSendsNothing() {
        Throwable rate = catchThrowable(() -> mailer(new SesFaults(Faults.parse("ses-throttle=1", 3))::around).send(NOTICE));
        Throwable quota = catchThrowable(() -> mailer(new SesFaults(Faults.parse("ses-quota-exceeded=1", 3))::around).send(NOTICE));

        assertThat(((AwsServiceException) rate).awsErrorDetails().errorCode()).isEqualTo("TooManyRequestsException");
        assertThat(((AwsServiceException) rate).statusCode()).isEqualTo(429);
        assertThat(rate).hasMessageContaining("Maximum sending rate exceeded");
        assertThat(((AwsServiceException) quota).awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
        assertThat(quota).hasMessageContaining("Daily message quota exceeded");
        assertThat(aws.requests).isEmpty();
    }

    @Test
    void aThrottledSendIsRetriedAsTheSdkRetriesAndOneThatPassesIsSentOnce() {
        SesFaults faults = new SesFaults(Faults.parse("ses-throttle=0.5", 1));
        int sent = 0;
        for (int i = 0; i < 20; i++) {
            try {
                mailer(faults::around).send(NOTICE);
                sent++;
            } catch (AwsServiceException refused) {
                assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("TooManyRequestsException");
                // every attempt of this send was refused: nothing went out
            }
        }

        assertThat(faults.injected()).isPositive();
        assertThat(aws.requests).hasSize(sent);
    }

    private SesMailer mailer(HttpClientWrapper faults) {
        return new SesMailer(calls(AwsCalls.Service.SES_V2, faults), "licences@partnerchannel.example");
    }

    private AwsCalls eventBridge(HttpClientWrapper faults) {
        return calls(AwsCalls.Service.EVENTBRIDGE, faults);
    }

    private AwsCalls calls(AwsCalls.Service service, HttpClientWrapper faults) {
        return AwsCalls.builder(service).endpoint(aws.uri()).region(Region.EU_WEST_1)
                .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .http(faults.around(UrlConnectionHttpClient.create())).build();
    }

    private static OutboxEvent event(int n) {
        return new OutboxEvent("EVENT" + n, "OrderRequested", "COMPANY", Instant.parse("2026-03-01T09:00:00Z"), "{\"n\":" + n + "}");
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package com.partnerchannel.licensing.functions.publisher;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerchannel.licensing.aws.AwsCalls;
import com.partnerchannel.licensing.config.EventPublishing;
import com.partnerchannel.licensing.config.Licensing;
import com.partnerchannel.licensing.testing.LocalDynamoDb;
import com.partnerchannel.licensing.testing.Loopback;
import com.partnerchannel.licensing.testing.MutableClock;
import com.partnerchannel.licensing.testing.SampleEvents;
import com.partnerchannel.licensing.testing.TemplateTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * events/outbox-redrive.json, the input an on-call engineer invokes the redrive with, fed to the handler
 * over a table holding the sample order's assignment event, which the publisher never published.
 */
class OutboxRedriveHandlerSampleEventIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EVENTS = TemplateTable.templatePath().getParent().resolve("events");
    private static final String BUS = "partner-licensing-licensing";

    private final Loopback bus = new Loopback(request -> new Loopback.Answer(200, accepted(request)));
    private final AwsCalls eventBridge = AwsCalls.builder(AwsCalls.Service.EVENTBRIDGE)
            .endpoint(bus.uri()).region(Region.EU_WEST_1)
            .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build();
    private final MutableClock clock = MutableClock.at("2026-11-22T09:00:00Z");
    private final Licensing licensing = new Licensing(LocalDynamoDb.client(), LocalDynamoDb.freshTable(), clock);
    private final OutboxRedriveHandler handler = new OutboxRedriveHandler(
            EventPublishing.redriving(eventBridge, BUS, licensing.dynamo, licensing.table, clock));

    @AfterEach
    void stop() {
        bus.close();
    }

    @Test
    void theSampleInvocationPublishesTheEventThePublisherNeverPublishedOnce() throws Exception {
        SampleEvents.seedAssigned(licensing);
        clock.advance(Duration.ofHours(3));

        Map<String, Object> answer = handler.handleRequest(sample(), withMillisLeft(900_000));

        List<String> types = new ArrayList<>();
        for (Loopback.Request request : bus.requests) {
            for (JsonNode entry : JSON.readTree(request.body()).path("Entries")) types.add(entry.path("DetailType").asText());
        }
        assertThat(types).containsExactly("OrderAssigned");
        assertThat(answer).containsEntry("done", true).containsEntry("published", 1).containsEntry("notPublished", 0);
        assertThat(handler.handleRequest(sample(), withMillisLeft(900_000))).containsEntry("published", 0);
        assertThat(bus.requests).hasSize(1);
    }

    @Test
    void withLessThanAMinuteLeftItStopsBeforeReadingAndSaysToRunItAgain() {
        SampleEvents.seedAssigned(licensing);
        clock.advance(Duration.ofHours(3));

        Map<String, Object> answer = handler.handleRequest(sample(), withMillisLeft(59_000));

        assertThat(answer).containsEntry("done", false).containsEntry("complete", false).containsEntry("published", 0)
                .containsEntry("stoppedBecause", "out of time; run it again");
        assertThat(bus.requests).isEmpty();
    }

    /** The sample as the Lambda runtime hands a {@code Map} handler its JSON input. */
    private static Map<String, Object> sample() {
        try {
            return JSON.readValue(EVENTS.resolve("outbox-redrive.json").toFile(), new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String accepted(Loopback.Request request) {
        try {
            int n = JSON.readTree(request.body()).path("Entries").size();
            StringBuilder ids = new StringBuilder();
            for (int i = 0; i < n; i++) ids.append(i == 0 ? "" : ",").append("{\"EventId\":\"e").append(i).append("\"}");
            return "{\"FailedEntryCount\":0,\"Entries\":[" + ids + "]}";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The invocation's context as far as the redrive reads it: the time left. */
    private static Context withMillisLeft(int millis) {
        return new Context() {
            public String getAwsRequestId() {
                return "sample-request";
            }

            public String getLogGroupName() {
                return "/aws/lambda/OutboxRedriveFunction";
            }

            public String getLogStreamName() {
                return "sample";
            }

            public String getFunctionName() {
                return "OutboxRedriveFunction";
            }

            public String getFunctionVersion() {
                return "$LATEST";
            }

            public String getInvokedFunctionArn() {
                return "arn:aws:lambda:eu-west-1:123456789012:function:OutboxRedriveFunction";
            }

            public CognitoIdentity getIdentity() {
                return null;
            }

            public ClientContext getClientContext() {
                return null;
            }

            public int getRemainingTimeInMillis() {
                return millis;
            }

            public int getMemoryLimitInMB() {
                return 1024;
            }

            public LambdaLogger getLogger() {
                return null;
            }
        };
    }
}

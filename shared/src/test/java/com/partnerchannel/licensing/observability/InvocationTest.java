package com.partnerchannel.licensing.observability;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.JsonNode;
import com.partnerchannel.licensing.outbox.BusEvent;
import com.partnerchannel.licensing.testing.CapturedLogs;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InvocationTest {

    @Test
    void everyLineOfARequestCarriesItsIdsAndTheClosingLineItsStatusAndLatency() {
        try (CapturedLogs logs = CapturedLogs.start()) {
            String answer = Invocation.ofRequest(new FakeContext("req-1", "OrdersFunction"), "GET /orders/{orderId}")
                    .id(Invocation.COMPANY_ID, "01COMPANY").id(Invocation.ACTOR, "user-7").id("absent", null)
                    .run(invocation -> {
                        LoggerFactory.getLogger("com.partnerchannel.licensing.somewhere").info("meanwhile");
                        invocation.closing("status", 200);
                        return "answer";
                    });

            assertThat(answer).isEqualTo("answer");
            List<JsonNode> lines = logs.lines();
            assertThat(lines).hasSize(2);
            for (JsonNode line : lines) {
                assertThat(line.path("requestId").asText()).isEqualTo("req-1");
                assertThat(line.path("function").asText()).isEqualTo("OrdersFunction");
                assertThat(line.path("routeKey").asText()).isEqualTo("GET /orders/{orderId}");
                assertThat(line.path("companyId").asText()).isEqualTo("01COMPANY");
                assertThat(line.path("actor").asText()).isEqualTo("user-7");
                assertThat(line.has("absent")).isFalse();
                assertThat(line.path("timestamp").asText()).isNotBlank();
            }
            JsonNode closing = lines.get(1);
            assertThat(closing.path("level").asText()).isEqualTo("INFO");
            assertThat(closing.path("status").asInt()).isEqualTo(200);
            assertThat(closing.path("latencyMs").isIntegralNumber()).isTrue();
            assertThat(closing.path(Invocation.DDB_REQUESTS).isIntegralNumber()).as("no DynamoDB call: 0 requests").isTrue();
            assertThat(closing.path(Invocation.DDB_REQUESTS).asLong()).isZero();
            assertThat(closing.path(Invocation.DDB_READ_UNITS).isNumber()).isTrue();
            assertThat(closing.path(Invocation.DDB_WRITE_UNITS).isNumber()).isTrue();
            assertThat(closing.path("message").asText()).startsWith("GET /orders/{orderId} 200 in ");
            assertThat(MDC.getCopyOfContextMap()).as("ids cleared after the invocation").isNullOrEmpty();
        }
    }

    @Test
    void aFailedEventIsClosedAtErrorWithItsStackTraceAndRethrown() {
        try (CapturedLogs logs = CapturedLogs.start()) {
            assertThatThrownBy(() -> Invocation.ofEvent(null, "OrderAssigned").id(Invocation.EVENT_ID, "01EVENT")
                    .run(invocation -> {
                        throw new IllegalStateException("bus down");
                    })).hasMessage("bus down");

            JsonNode closing = logs.lines().get(0);
            assertThat(closing.path("level").asText()).isEqualTo("ERROR");
            assertThat(closing.path("eventType").asText()).isEqualTo("OrderAssigned");
            assertThat(closing.path("eventId").asText()).isEqualTo("01EVENT");
            assertThat(closing.path("outcome").asText()).isEqualTo("failed");
            assertThat(closing.path("stackTrace").asText()).contains("IllegalStateException: bus down");
            assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
        }
    }

    @Test
    void aBusEventIsLoggedWithItsTypeEventIdAndCompany() {
        try (CapturedLogs logs = CapturedLogs.start()) {
            BusEvent event = BusEvent.fromEventBridge(Map.of("id", "eventbridge-id", "detail-type", "OrderAssigned",
                    "detail", Map.of("eventId", "01EVENT", "companyId", "01COMPANY", "orderId", "01ORDER")));
            Invocation.ofBusEvent(new FakeContext("req-2", "NotifierFunction"), event).run(invocation -> "sent");

            JsonNode closing = logs.lines().get(0);
            assertThat(closing.path("requestId").asText()).isEqualTo("req-2");
            assertThat(closing.path("eventType").asText()).isEqualTo("OrderAssigned");
            assertThat(closing.path("eventId").asText()).as("ours, not EventBridge's").isEqualTo("01EVENT");
            assertThat(closing.path("companyId").asText()).isEqualTo("01COMPANY");
            assertThat(closing.path("outcome").asText()).isEqualTo("ok");
        }
    }

    @Test
    void anAwsEventIsLoggedWithItsDetailTypeAndEventBridgesIdAndOneInvokedByHandSaysSo() {
        try (CapturedLogs logs = CapturedLogs.start()) {
            Invocation.ofAwsEvent(null, Map.of("id", "0b4ef5b2-ses", "detail-type", "Email Bounced", "source", "aws.ses",
                    "detail", Map.of())).run(invocation -> "recorded");
            Invocation.ofAwsEvent(null, Map.of()).run(invocation -> "swept");

            List<JsonNode> lines = logs.lines();
            assertThat(lines.get(0).path("eventType").asText()).isEqualTo("Email Bounced");
            assertThat(lines.get(0).path("eventId").asText()).isEqualTo("0b4ef5b2-ses");
            assertThat(lines.get(0).has("companyId")).isFalse();
            assertThat(lines.get(1).path("eventType").asText()).isEqualTo("invoked by hand");
            assertThat(lines.get(1).has("eventId")).isFalse();
        }
    }

    @Test
    void aHostileIdIsCutSoItCannotFillTheLog() {
        try (CapturedLogs logs = CapturedLogs.start()) {
            Invocation.ofRequest(null, "GET /companies").id(Invocation.ACTOR, "x".repeat(100_000))
                    .run(invocation -> invocation.closing("status", 401));

            assertThat(logs.lines().get(0).path("actor").asText()).hasSize(Invocation.MAX_ID_CHARS + 1);
        }
    }

    record FakeContext(String requestId, String functionName) implements Context {
        @Override public String getAwsRequestId() { return requestId; }
        @Override public String getLogGroupName() { return "/aws/lambda/" + functionName; }
        @Override public String getLogStreamName() { return "test"; }
        @Override public String getFunctionName() { return functionName; }
        @Override public String getFunctionVersion() { return "$LATEST"; }
        @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:eu-west-1:000000000000:function:" + functionName; }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return 10_000; }
        @Override public int getMemoryLimitInMB() { return 1024; }
        @Override public LambdaLogger getLogger() { return null; }
    }
}

package com.partnerchannel.licensing.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerchannel.licensing.observability.DynamoDbCost;
import com.partnerchannel.licensing.observability.Invocation;
import com.partnerchannel.licensing.testing.CapturedLogs;
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
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The counter on a real SDK client whose HTTP client answers as DynamoDB does (the body of each
 * operation's answer, with the consumed capacity DynamoDB reports), so nothing goes on the network. On
 * DynamoDB Local, RouteCostIT and the log ITs count real calls.
 */
class ConsumedCapacityCounterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, AttributeValue> KEY = Map.of("PK", AttributeValue.fromS("P"), "SK", AttributeValue.fromS("S"));

    /** Operation name to the body DynamoDB answers it with; the requests as sent, by operation. */
    private final Map<String, String> answers = Map.of(
            "GetItem", "{\"Item\":{},\"ConsumedCapacity\":{\"TableName\":\"t\",\"CapacityUnits\":0.5}}",
            "Query", "{\"Items\":[],\"Count\":0,\"ScannedCount\":0,\"ConsumedCapacity\":{\"TableName\":\"t\",\"CapacityUnits\":1.5}}",
            "PutItem", "{\"ConsumedCapacity\":{\"TableName\":\"t\",\"CapacityUnits\":2.0}}",
            "TransactWriteItems", "{\"ConsumedCapacity\":[{\"TableName\":\"t\",\"CapacityUnits\":8.0,"
                    + "\"ReadCapacityUnits\":2.0,\"WriteCapacityUnits\":6.0}]}");
    private final Map<String, JsonNode> sent = new ConcurrentHashMap<>();
    private final DynamoDbClient dynamo = DynamoDbClient.builder()
            .httpClient(new Answering())
            .endpointOverride(URI.create("http://127.0.0.1:9"))
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .overrideConfiguration(c -> c.addExecutionInterceptor(new ConsumedCapacityCounter()))
            .build();

    @Test
    void anInvocationsLineCarriesItsRequestsAndTheUnitsDynamoDbReportedAsReadOrWrite() {
        try (CapturedLogs logs = CapturedLogs.start()) {
            Invocation.ofRequest(null, "GET /orders/{orderId}").run(invocation -> {
                dynamo.getItem(r -> r.tableName("t").key(KEY));
                dynamo.query(r -> r.tableName("t").keyConditionExpression("PK = :p")
                        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("P"))));
                dynamo.putItem(r -> r.tableName("t").item(KEY));
                dynamo.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder()
                        .put(Put.builder().tableName("t").item(KEY).build()).build()));
                return invocation.closing("status", 200);
            });

            JsonNode line = logs.lines().get(0);
            assertThat(line.path(Invocation.DDB_REQUESTS).asLong()).isEqualTo(4);
            assertThat(line.path(Invocation.DDB_READ_UNITS).asDouble()).as("0.5 + 1.5 read, and the transaction's 2")
                    .isEqualTo(4.0);
            assertThat(line.path(Invocation.DDB_WRITE_UNITS).asDouble()).as("2 of the put, 6 of the transaction")
                    .isEqualTo(8.0);
        }
        assertThat(sent).containsOnlyKeys("GetItem", "Query", "PutItem", "TransactWriteItems");
        assertThat(sent.values()).allSatisfy(request ->
                assertThat(request.path("ReturnConsumedCapacity").asText()).isEqualTo("TOTAL"));
    }

    @Test
    void whatACallAsksForItselfIsLeftAsItIs() {
        Invocation.ofEvent(null, "test").run(invocation ->
                dynamo.getItem(r -> r.tableName("t").key(KEY).returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)));
        assertThat(sent.get("GetItem").path("ReturnConsumedCapacity").asText()).isEqualTo("INDEXES");
    }

    @Test
    void aFailedCallIsARequestWithNoUnitsAndACallOutsideAnyInvocationCountsNowhere() {
        dynamo.getItem(r -> r.tableName("t").key(KEY));
        try (CapturedLogs logs = CapturedLogs.start()) {
            assertThatThrownBy(() -> Invocation.ofRequest(null, "POST /orders/{orderId}/assign").run(invocation ->
                    dynamo.putItem(r -> r.tableName("refused").item(KEY).conditionExpression("attribute_not_exists(PK)"))))
                    .isInstanceOf(ConditionalCheckFailedException.class);
            JsonNode line = logs.lines().get(0);
            assertThat(line.path(Invocation.DDB_REQUESTS).asLong()).isEqualTo(1);
            assertThat(line.path(Invocation.DDB_WRITE_UNITS).asDouble()).isZero();
        }
    }

    @Test
    void concurrentInvocationsCountTheirOwnCallsAndWorkHandedToAPoolCountsToItsInvocation() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch bothStarted = new CountDownLatch(2);
        try (CapturedLogs logs = CapturedLogs.start()) {
            List<Thread> invocations = List.of(1, 3).stream().map(n -> new Thread(() ->
                    Invocation.ofEvent(null, "gets " + n).run(invocation -> {
                        bothStarted.countDown();
                        await(bothStarted);
                        for (int i = 0; i < n; i++) {
                            try {
                                pool.submit(DynamoDbCost.carried(() -> dynamo.getItem(r -> r.tableName("t").key(KEY)))).get();
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        }
                        return dynamo.getItem(r -> r.tableName("t").key(KEY));
                    }))).toList();
            invocations.forEach(Thread::start);
            for (Thread invocation : invocations) invocation.join();

            Map<String, Long> requests = new java.util.HashMap<>();
            for (JsonNode line : logs.lines()) {
                requests.put(line.path("eventType").asText(), line.path(Invocation.DDB_REQUESTS).asLong());
            }
            assertThat(requests).containsExactlyInAnyOrderEntriesOf(Map.of("gets 1", 2L, "gets 3", 4L));
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Answers each operation as DynamoDB would; a put on table "refused" fails its condition. */
    private final class Answering implements SdkHttpClient {
        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            String operation = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElseThrow()
                    .replace("DynamoDB_20120810.", "");
            JsonNode body;
            try {
                body = JSON.readTree(request.contentStreamProvider().orElseThrow().newStream());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            boolean refused = "refused".equals(body.path("TableName").asText());
            if (!refused) sent.put(operation, body);
            String answer = refused
                    ? "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException\",\"message\":\"The conditional request failed\"}"
                    : answers.get(operation);
            int status = refused ? 400 : 200;
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder().statusCode(status)
                                    .putHeader("Content-Type", "application/x-amz-json-1.0")
                                    .putHeader("Content-Length", String.valueOf(bytes.length)).build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
                            .build();
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
}

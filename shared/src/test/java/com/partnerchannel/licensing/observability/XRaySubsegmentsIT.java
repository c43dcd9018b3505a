package com.partnerchannel.licensing.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerchannel.licensing.testing.LocalDynamoDb;
import com.partnerchannel.licensing.testing.TemplateTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SDK calls of a traced invocation reach the X-Ray daemon as subsegments of the function's segment: a real
 * DynamoDB client against DynamoDB Local over HTTP, and a UDP socket on loopback where Lambda's daemon listens.
 */
class XRaySubsegmentsIT {
    private static final String ROOT = "1-5759e988-bd862e3fe1be46a994272793";
    private static final String FUNCTION_SEGMENT = "53995c3f42cd8ad8";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalDynamoDb.OverHttp dynamoDbLocal;

    @BeforeAll
    static void start() {
        dynamoDbLocal = LocalDynamoDb.overHttp();
    }

    @AfterAll
    static void stop() {
        dynamoDbLocal.close();
    }

    @Test
    void aTracedInvocationsCallsAreSubsegmentsOfTheFunctionsSegment() throws Exception {
        try (DatagramSocket daemon = daemon()) {
            Map<String, String> properties = Map.of(XRaySubsegments.TRACE_HEADER_PROPERTY,
                    "Root=" + ROOT + ";Parent=" + FUNCTION_SEGMENT + ";Sampled=1");
            List<String> traceHeaders = new CopyOnWriteArrayList<>();
            DynamoDbClient dynamo = client(new XRaySubsegments((InetSocketAddress) daemon.getLocalSocketAddress(),
                    properties::get, Clock.systemUTC()), traceHeaders);
            dynamo.createTable(TemplateTable.createTableRequest("traced"));
            JsonNode created = received(daemon);

            dynamo.getItem(r -> r.tableName("traced").key(Map.of("PK", AttributeValue.fromS("C#none"),
                    "SK", AttributeValue.fromS("COMPANY"))));
            JsonNode got = received(daemon);

            assertThat(created.path("aws").path("operation").asText()).isEqualTo("CreateTable");
            assertThat(got.path("name").asText()).isEqualTo("DynamoDb");
            assertThat(got.path("type").asText()).isEqualTo("subsegment");
            assertThat(got.path("namespace").asText()).isEqualTo("aws");
            assertThat(got.path("trace_id").asText()).isEqualTo(ROOT);
            assertThat(got.path("parent_id").asText()).isEqualTo(FUNCTION_SEGMENT);
            assertThat(got.path("id").asText()).matches("[0-9a-f]{16}").isNotEqualTo(created.path("id").asText());
            assertThat(got.path("aws").path("operation").asText()).isEqualTo("GetItem");
            assertThat(got.path("aws").path("table_name").asText()).isEqualTo("traced");
            assertThat(got.path("aws").path("region").asText()).isEqualTo("us-east-1");
            assertThat(got.path("aws").path("request_id").asText()).isNotBlank();
            assertThat(got.path("http").path("response").path("status").asInt()).isEqualTo(200);
            assertThat(got.path("end_time").asDouble()).isGreaterThanOrEqualTo(got.path("start_time").asDouble());
            assertThat(got.has("error") || got.has("fault")).isFalse();
            // DynamoDB sees the subsegment as the caller, so its own trace nests under it.
            assertThat(traceHeaders).last().isEqualTo("Root=" + ROOT + ";Parent=" + got.path("id").asText() + ";Sampled=1");
        }
    }

    @Test
    void aRefusedCallIsAnErrorWithItsCause() throws Exception {
        try (DatagramSocket daemon = daemon()) {
            Map<String, String> properties = Map.of(XRaySubsegments.TRACE_HEADER_PROPERTY,
                    "Root=" + ROOT + ";Parent=" + FUNCTION_SEGMENT + ";Sampled=1");
            DynamoDbClient dynamo = client(new XRaySubsegments((InetSocketAddress) daemon.getLocalSocketAddress(),
                    properties::get, Clock.systemUTC()), new CopyOnWriteArrayList<>());

            assertThatThrownBy(() -> dynamo.getItem(r -> r.tableName("no-such-table")
                    .key(Map.of("PK", AttributeValue.fromS("C#none"), "SK", AttributeValue.fromS("COMPANY")))))
                    .isInstanceOf(ResourceNotFoundException.class);
            JsonNode refused = received(daemon);

            assertThat(refused.path("aws").path("table_name").asText()).isEqualTo("no-such-table");
            assertThat(refused.path("http").path("response").path("status").asInt()).isEqualTo(400);
            assertThat(refused.path("error").asBoolean()).isTrue();
            assertThat(refused.has("fault")).isFalse();
            assertThat(refused.path("cause").path("exceptions").path(0).path("type").asText())
                    .isEqualTo(ResourceNotFoundException.class.getName());
        }
    }

    @Test
    void anUntracedInvocationSendsNothing() throws Exception {
        try (DatagramSocket daemon = daemon()) {
            Map<String, String> notSampled = Map.of(XRaySubsegments.TRACE_HEADER_PROPERTY,
                    "Root=" + ROOT + ";Parent=" + FUNCTION_SEGMENT + ";Sampled=0");
            DynamoDbClient dynamo = client(new XRaySubsegments((InetSocketAddress) daemon.getLocalSocketAddress(),
                    notSampled::get, Clock.systemUTC()), new CopyOnWriteArrayList<>());

            dynamo.listTables();

            daemon.setSoTimeout(500);
            assertThatThrownBy(() -> daemon.receive(new DatagramPacket(new byte[65_536], 65_536)))
                    .isInstanceOf(java.net.SocketTimeoutException.class);
        }
    }

    private static DatagramSocket daemon() throws Exception {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** One datagram, as the daemon reads it: a header line, then the subsegment document. */
    private static JsonNode received(DatagramSocket daemon) throws Exception {
        DatagramPacket packet = new DatagramPacket(new byte[65_536], 65_536);
        daemon.receive(packet);
        String datagram = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
        int newline = datagram.indexOf('\n');
        assertThat(JSON.readTree(datagram.substring(0, newline))).isEqualTo(JSON.readTree("{\"format\":\"json\",\"version\":1}"));
        return JSON.readTree(datagram.substring(newline + 1));
    }

    /** SES and EventBridge go through AwsCalls, not an SDK client: their calls are subsegments all the same. */
    @Test
    void aThinClientsCallIsASubsegmentToo() throws Exception {
        try (DatagramSocket daemon = daemon();
             com.partnerchannel.licensing.testing.Loopback ses = new com.partnerchannel.licensing.testing.Loopback(
                     request -> new com.partnerchannel.licensing.testing.Loopback.Answer(200, "{\"MessageId\":\"m-1\"}",
                             Map.of("x-amzn-RequestId", "ses-request-1")))) {
            Map<String, String> properties = Map.of(XRaySubsegments.TRACE_HEADER_PROPERTY,
                    "Root=" + ROOT + ";Parent=" + FUNCTION_SEGMENT + ";Sampled=1");
            com.partnerchannel.licensing.aws.AwsCalls calls = com.partnerchannel.licensing.aws.AwsCalls
                    .builder(com.partnerchannel.licensing.aws.AwsCalls.Service.SES_V2).endpoint(ses.uri()).region(Region.EU_WEST_1)
                    .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("traced", "traced")))
                    .tracing(java.util.Optional.of(new XRaySubsegments((InetSocketAddress) daemon.getLocalSocketAddress(),
                            properties::get, Clock.systemUTC()))).build();

            new com.partnerchannel.licensing.ses.SesMailer(calls, "licences@partnerchannel.example")
                    .send(new com.partnerchannel.licensing.notification.model.Email("a@customer.test", "s", "t", "<p>h</p>"));
            JsonNode sent = received(daemon);

            assertThat(sent.path("name").asText()).isEqualTo("SESv2");
            assertThat(sent.path("trace_id").asText()).isEqualTo(ROOT);
            assertThat(sent.path("parent_id").asText()).isEqualTo(FUNCTION_SEGMENT);
            assertThat(sent.path("aws").path("operation").asText()).isEqualTo("SendEmail");
            assertThat(sent.path("aws").path("region").asText()).isEqualTo("eu-west-1");
            assertThat(sent.path("aws").path("request_id").asText()).isEqualTo("ses-request-1");
            assertThat(sent.path("http").path("response").path("status").asInt()).isEqualTo(200);
            assertThat(ses.requests.get(0).header("X-Amzn-Trace-Id"))
                    .isEqualTo("Root=" + ROOT + ";Parent=" + sent.path("id").asText() + ";Sampled=1");
        }
    }

    /** A client with the tracing interceptor, and one after it that records the trace header each request carries. */
    private static DynamoDbClient client(XRaySubsegments tracing, List<String> traceHeaders) {
        ExecutionInterceptor headers = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                context.httpRequest().firstMatchingHeader("X-Amzn-Trace-Id").ifPresent(traceHeaders::add);
            }
        };
        return dynamoDbLocal.client(tracing, headers);
    }
}

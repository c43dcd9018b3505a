package com.partnerchannel.licensing.config;

import com.partnerchannel.licensing.testing.LocalDynamoDb;
import com.partnerchannel.licensing.testing.TemplateTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DynamoDB client built from a function's settings is primed before a SnapStart snapshot: one GetItem that
 * finds nothing, through the real client against DynamoDB Local, on a connection the server then closes.
 */
class PrimingIT {
    /** The SDK's own region and credentials: the SDK reads these system properties. */
    private static final Map<String, String> SETTINGS = Map.of("aws.region", "us-east-1",
            "aws.accessKeyId", "priming", "aws.secretAccessKey", "priming");
    private static LocalDynamoDb.OverHttp dynamoDbLocal;
    private static Configuration configuration;

    @BeforeAll
    static void start() {
        dynamoDbLocal = LocalDynamoDb.overHttp();
        SETTINGS.forEach(System::setProperty);
        configuration = Configuration.of(Map.of(Configuration.TABLE_NAME, "primed",
                Configuration.DYNAMODB_ENDPOINT, dynamoDbLocal.endpoint().toString()));
    }

    @AfterAll
    static void stop() {
        SETTINGS.keySet().forEach(System::clearProperty);
        dynamoDbLocal.close();
    }

    @Test
    void beforeTheSnapshotTheClientReadsAKeyNoItemHasAndLeavesNoConnectionOpen() {
        List<String> calls = new CopyOnWriteArrayList<>();
        ExecutionInterceptor recording = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                calls.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME) + " Connection: "
                        + context.httpRequest().firstMatchingHeader("Connection").orElse("(none)"));
            }
        };
        SdkInterceptors.addToDynamoDb(recording);
        try {
            int before = Priming.registered();
            DynamoDbClient dynamo = Licensing.dynamoDb(configuration);
            dynamo.createTable(TemplateTable.createTableRequest("primed"));
            calls.clear();

            assertThat(Priming.registered()).isEqualTo(before + 1);
            Priming.beforeCheckpointOfAll();

            assertThat(calls).contains("GetItem Connection: close");
            assertThat(dynamo.getItem(r -> r.tableName("primed").key(Priming.NO_ITEM)).hasItem()).isFalse();
        } finally {
            SdkInterceptors.removeFromDynamoDb(recording);
        }
    }

    /**
     * The notifier's SES call and the publisher's EventBridge call are primed too (issue 15: they were not): the
     * request signed and marshalled and a sample answer read, with nothing sent, so no email and no event.
     */
    @Test
    void beforeTheSnapshotTheSesAndEventBridgeCallsAreSignedAndReadButNothingIsSent() {
        try (com.partnerchannel.licensing.testing.Loopback aws = new com.partnerchannel.licensing.testing.Loopback(
                request -> new com.partnerchannel.licensing.testing.Loopback.Answer(500, "{}"))) {
            Configuration withServices = Configuration.of(Map.of(Configuration.TABLE_NAME, "primed",
                    Configuration.DYNAMODB_ENDPOINT, configuration.dynamoDbEndpoint().orElseThrow(),
                    Configuration.EVENT_BUS_NAME, "licensing", Configuration.EVENTBRIDGE_ENDPOINT, aws.uri().toString(),
                    Configuration.SENDER_EMAIL, "licences@partnerchannel.example", Configuration.PORTAL_BASE_URL,
                    "https://portal.example.com", Configuration.SES_ENDPOINT, aws.uri().toString()));
            int before = Priming.registered();

            EventPublishing.publishing(withServices, Clocks.system());
            Notifications.from(withServices, Clocks.system());
            Priming.beforeCheckpointOfAll();

            assertThat(Priming.registered()).as("a DynamoDB client and EventBridge; a DynamoDB client and SES").isEqualTo(before + 4);
            assertThat(aws.requests).isEmpty();
        }
    }
}

package com.partnerchannel.licensing.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerchannel.licensing.observability.Metrics;
import com.partnerchannel.licensing.testing.SamTemplate;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an on-call engineer relies on, held in template.yaml (docs/operations.md explains each): every
 * failure queue and every function has its alarms, every log group a retention, no API function outlives
 * the API's 30 s, the table and the stores survive a stack delete, and the edge has CORS, throttling and
 * access logs. A new function, queue or route that forgets one of them fails here, before a deploy.
 * The YAML is read as it is written (CloudFormation's short tags read as their argument: {@code !Ref X} is "X").
 */
class TemplateChecksTest {
    /** The HTTP API waits 30 s for its integration. */
    private static final int API_TIMEOUT_LIMIT_SECONDS = 29;

    private final JsonNode template = SamTemplate.load().json();
    private final JsonNode globals = template.path("Globals").path("Function");

    @Test
    void everyQueueHasAnAlarmOnAnyMessageVisibleThatNotifiesTheAlarmTopic() {
        List<String> queues = resourcesOfType("AWS::SQS::Queue");
        assertThat(queues).isNotEmpty();
        for (String queue : queues) {
            List<JsonNode> alarms = alarmsOn("AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", queue + ".QueueName");
            assertThat(alarms).as(queue + " has an alarm on its visible messages").isNotEmpty();
            for (JsonNode alarm : alarms) {
                assertThat(alarm.path("Threshold").asDouble()).as(queue + ": one message is enough").isLessThanOrEqualTo(1);
                assertThat(alarm.path("ComparisonOperator").asText()).isEqualTo("GreaterThanOrEqualToThreshold");
                assertNotifiesTheTopic(queue, alarm);
            }
        }
    }

    /**
     * A rule or schedule whose target cannot take an event (throttled, a broken role, a function that keeps
     * failing) drops it after its retries, unless the target has a dead-letter queue. The queue then takes
     * messages from that rule only ({@code aws:SourceArn}); the queue's alarm is checked above.
     */
    @Test
    void everyEventBridgeRuleTargetHasADeadLetterQueueThatOnlyItsRuleMaySendTo() {
        Map<String, JsonNode> targets = new LinkedHashMap<>();
        functions().forEach((function, properties) -> properties.path("Events").fields().forEachRemaining(event -> {
            String type = event.getValue().path("Type").asText();
            // SAM makes each of these an AWS::Events::Rule named <function><event>, the function its target.
            if (type.equals("EventBridgeRule") || type.equals("Schedule")) {
                targets.put(function + event.getKey(), event.getValue().path("Properties"));
            }
        }));
        for (String rule : resourcesOfType("AWS::Events::Rule")) {
            resource(rule).path("Properties").path("Targets").forEach(target -> targets.put(rule, target));
        }
        assertThat(targets).isNotEmpty();
        targets.forEach((rule, target) -> {
            String queueArn = target.path("DeadLetterConfig").path("Arn").asText();
            assertThat(queueArn).as(rule + "'s target has a dead-letter queue of this template").endsWith(".Arn");
            String queue = queueArn.substring(0, queueArn.length() - ".Arn".length());
            assertThat(resource(queue).path("Type").asText()).as(rule + "'s dead-letter queue").isEqualTo("AWS::SQS::Queue");
            assertThat(target.path("RetryPolicy").path("MaximumRetryAttempts").isInt()).as(rule + " RetryPolicy").isTrue();
            assertThat(eventBridgeMaySend(queue, rule + ".Arn")).as(queue + " takes messages from " + rule + " (aws:SourceArn)").isTrue();
        });
    }

    @Test
    void everyFunctionLogsJsonToItsOwnLogGroupWithTheRetentionParameter() {
        assertThat(globals.path("LoggingConfig").path("LogFormat").asText()).isEqualTo("JSON");
        assertThat(template.path("Parameters").path("LogRetentionInDays").path("Default").asInt()).isEqualTo(30);
        List<String> logGroups = new ArrayList<>();
        functions().forEach((name, properties) -> {
            String logGroup = properties.path("LoggingConfig").path("LogGroup").asText();
            assertThat(logGroup).as(name + " names its log group").isNotEmpty();
            assertRetention(name, logGroup);
            logGroups.add(logGroup);
        });
        assertThat(logGroups).as("one log group per function").doesNotHaveDuplicates();
    }

    @Test
    void everyFunctionIsTracedAndHasAnErrorsAndAThrottlesAlarm() {
        functions().forEach((name, properties) -> {
            String tracing = properties.has("Tracing") ? properties.path("Tracing").asText() : globals.path("Tracing").asText();
            assertThat(tracing).as(name + " tracing").isEqualTo("Active");
            for (String metric : List.of("Errors", "Throttles")) {
                List<JsonNode> alarms = alarmsOn("AWS/Lambda", metric, "FunctionName", name);
                assertThat(alarms).as(name + " has an alarm on " + metric).isNotEmpty();
                alarms.forEach(alarm -> assertNotifiesTheTopic(name, alarm));
            }
        });
    }

    @Test
    void noApiFunctionRunsLongerThanTheApiWaits() {
        int defaultTimeout = globals.path("Timeout").asInt();
        int apiFunctions = 0;
        for (Map.Entry<String, JsonNode> function : functions().entrySet()) {
            if (!hasEvent(function.getValue(), "HttpApi")) continue;
            apiFunctions++;
            int timeout = function.getValue().has("Timeout") ? function.getValue().path("Timeout").asInt() : defaultTimeout;
            assertThat(timeout).as(function.getKey() + " Timeout (s)").isBetween(1, API_TIMEOUT_LIMIT_SECONDS);
        }
        assertThat(apiFunctions).isPositive();
    }

    @Test
    void theTableIsProtectedFromDeletionAndReplacementAndRecoverable() {
        JsonNode table = resource("LicensingTable");
        assertThat(table.path("DeletionPolicy").asText()).isEqualTo("Retain");
        assertThat(table.path("UpdateReplacePolicy").asText()).isEqualTo("Retain");
        assertThat(table.path("Properties").path("DeletionProtectionEnabled").asBoolean()).isTrue();
        assertThat(table.path("Properties").path("PointInTimeRecoverySpecification")
                .path("PointInTimeRecoveryEnabled").asBoolean()).isTrue();
    }

    @Test
    void everyQueueAndBucketIsKeptWhenTheStackIsDeletedOrReplacesIt() {
        List<String> stores = new ArrayList<>(resourcesOfType("AWS::SQS::Queue"));
        stores.addAll(resourcesOfType("AWS::S3::Bucket"));
        for (String store : stores) {
            assertThat(resource(store).path("DeletionPolicy").asText()).as(store + " DeletionPolicy").isEqualTo("Retain");
            assertThat(resource(store).path("UpdateReplacePolicy").asText()).as(store + " UpdateReplacePolicy").isEqualTo("Retain");
        }
    }

    @Test
    void everyBucketRefusesPlainHttp() {
        for (String bucket : resourcesOfType("AWS::S3::Bucket")) {
            boolean tlsOnly = false;
            for (String policy : resourcesOfType("AWS::S3::BucketPolicy")) {
                JsonNode properties = resource(policy).path("Properties");
                if (!bucket.equals(properties.path("Bucket").asText())) continue;
                for (JsonNode statement : properties.path("PolicyDocument").path("Statement")) {
                    tlsOnly |= "Deny".equals(statement.path("Effect").asText())
                            && "false".equals(statement.path("Condition").path("Bool").path("aws:SecureTransport").asText());
                }
            }
            assertThat(tlsOnly).as(bucket + " denies requests without TLS").isTrue();
        }
    }

    @Test
    void theApiHasCorsFromTheOriginsParameterThrottlingAndJsonAccessLogsWithRetention() {
        JsonNode api = resource("LicensingApi").path("Properties");
        assertThat(api.path("CorsConfiguration").path("AllowOrigins").asText()).isEqualTo("AllowedOrigins");
        assertThat(api.path("DefaultRouteSettings").path("ThrottlingRateLimit").isMissingNode()).isFalse();
        assertThat(api.path("DefaultRouteSettings").path("ThrottlingBurstLimit").isMissingNode()).isFalse();
        String accessLogs = api.path("AccessLogSettings").path("DestinationArn").asText();
        assertThat(accessLogs).endsWith(".Arn");
        assertRetention("LicensingApi", accessLogs.substring(0, accessLogs.length() - ".Arn".length()));
        assertThat(api.path("AccessLogSettings").path("Format").asText()).startsWith("{").endsWith("}")
                .contains("\"requestId\":\"$context.requestId\"");
    }

    @Test
    void theNightlySweepAlarmsWhenItHasNotCompletedFor26Hours() {
        List<JsonNode> alarms = new ArrayList<>();
        for (String name : resourcesOfType("AWS::CloudWatch::Alarm")) {
            JsonNode alarm = resource(name).path("Properties");
            if ("Licensing".equals(alarm.path("Namespace").asText()) && "SweepCompleted".equals(alarm.path("MetricName").asText())) {
                alarms.add(alarm);
            }
        }
        // The metric the sweep emits has no dimension (docs/operations.md): an alarm with one would never see it.
        assertThat(alarms).hasSize(1);
        JsonNode alarm = alarms.get(0);
        assertThat(alarm.has("Dimensions")).isFalse();
        assertThat(alarm.path("Period").asInt() * alarm.path("DatapointsToAlarm").asInt()).isEqualTo(26 * 3600);
        assertThat(alarm.path("TreatMissingData").asText()).isEqualTo("breaching");
        assertThat(alarm.path("ComparisonOperator").asText()).isEqualTo("LessThanThreshold");
    }

    /**
     * An outbox event the bus has not taken 15 minutes after its commit means the publisher is failing or not
     * invoked: the outbox watch writes the age of the oldest such event every minute (dimensionless, as
     * {@link Metrics} writes it), and one alarm reads it, treating the watch's silence as breaching.
     */
    @Test
    void theOutboxAlarmsWhenAnEventHasWaitedForTheBusOver15MinutesOrTheWatchIsSilent() {
        List<JsonNode> alarms = new ArrayList<>();
        for (String name : resourcesOfType("AWS::CloudWatch::Alarm")) {
            JsonNode alarm = resource(name).path("Properties");
            if (Metrics.NAMESPACE.equals(alarm.path("Namespace").asText())
                    && Metrics.OLDEST_UNPUBLISHED_OUTBOX_AGE_SECONDS.equals(alarm.path("MetricName").asText())) {
                alarms.add(alarm);
            }
        }
        assertThat(alarms).hasSize(1);
        JsonNode alarm = alarms.get(0);
        assertThat(alarm.has("Dimensions")).isFalse();
        assertThat(alarm.path("Statistic").asText()).isEqualTo("Maximum");
        assertThat(alarm.path("Threshold").asInt()).isLessThanOrEqualTo(15 * 60);
        assertThat(alarm.path("ComparisonOperator").asText()).isEqualTo("GreaterThanThreshold");
        assertThat(alarm.path("TreatMissingData").asText()).isEqualTo("breaching");
        assertNotifiesTheTopic("OutboxUnpublishedAlarm", alarm);

        Map<String, JsonNode> watches = new LinkedHashMap<>();
        functions().forEach((name, properties) -> {
            if (properties.path("Handler").asText().contains(".OutboxWatchHandler::")) watches.put(name, properties);
        });
        assertThat(watches).hasSize(1);
        JsonNode watch = watches.values().iterator().next();
        List<String> schedules = new ArrayList<>();
        watch.path("Events").forEach(event -> {
            if ("Schedule".equals(event.path("Type").asText())) schedules.add(event.path("Properties").path("Schedule").asText());
        });
        assertThat(schedules).as("a datapoint in every period of the alarm").containsExactly("rate(1 minute)");
        assertThat(alarm.path("Period").asInt()).isGreaterThanOrEqualTo(3 * 60);
        assertThat(watch.path("Policies").toString()).as("it reads the unpublished index").contains("dynamodb:Query")
                .contains("${LicensingTable.Arn}/index/GSI6");
    }

    @Test
    void everyFunctionIsOnTheDashboardsErrorsAndThrottlesGraphs() {
        // DashboardBody: !Sub [body, {FunctionErrors: !Join [', ', [one !Sub per function]], FunctionThrottles: ...}]
        JsonNode graphs = resource("Dashboard").path("Properties").path("DashboardBody").path(1);
        for (String graph : List.of("FunctionErrors", "FunctionThrottles")) {
            String metrics = graphs.path(graph).path(1).toString();
            for (String function : functions().keySet()) {
                assertThat(metrics).as(function + " on the dashboard's " + graph).contains("${" + function + "}");
            }
        }
    }

    @Test
    void emailIsSentOnlyAsTheSender() {
        int grants = 0;
        for (Map.Entry<String, JsonNode> function : functions().entrySet()) {
            for (JsonNode policy : function.getValue().path("Policies")) {
                for (JsonNode statement : policy.path("Statement")) {
                    if (!statement.path("Action").toString().contains("ses:SendEmail")) continue;
                    grants++;
                    assertThat(statement.path("Resource").toString()).as(function.getKey() + " SES resources")
                            .contains("identity/${SenderEmail}").doesNotContain("identity/*");
                    assertThat(statement.path("Condition").path("StringEquals").path("ses:FromAddress").asText())
                            .isEqualTo("SenderEmail");
                }
            }
        }
        assertThat(grants).isPositive();
    }

    @Test
    void samBuildLeavesEveryFunctionsJarAsMavenBuiltIt() {
        for (String function : functions().keySet()) {
            assertThat(resource(function).path("Metadata").path("SkipBuild").asBoolean()).as(function + " SkipBuild").isTrue();
        }
    }

    /**
     * A queue policy that applies to the queue allows EventBridge to send to it from this rule only; and no
     * statement of any queue policy lets EventBridge send without naming its rule.
     */
    private boolean eventBridgeMaySend(String queue, String ruleArn) {
        boolean allowed = false;
        for (String policy : resourcesOfType("AWS::SQS::QueuePolicy")) {
            JsonNode properties = resource(policy).path("Properties");
            for (JsonNode statement : properties.path("PolicyDocument").path("Statement")) {
                if (!"Allow".equals(statement.path("Effect").asText())
                        || !"events.amazonaws.com".equals(statement.path("Principal").path("Service").asText())) continue;
                String sourceArn = statement.path("Condition").path("ArnEquals").path("aws:SourceArn").asText();
                assertThat(sourceArn).as(policy + ": EventBridge may send only from a named rule").isNotEmpty();
                boolean appliesToQueue = properties.path("Queues").toString().contains("\"" + queue + "\"");
                allowed |= appliesToQueue && (queue + ".Arn").equals(statement.path("Resource").asText())
                        && "sqs:SendMessage".equals(statement.path("Action").asText()) && ruleArn.equals(sourceArn);
            }
        }
        return allowed;
    }

    private void assertRetention(String owner, String logGroup) {
        JsonNode group = resource(logGroup);
        assertThat(group.path("Type").asText()).as(owner + ": " + logGroup).isEqualTo("AWS::Logs::LogGroup");
        assertThat(group.path("Properties").path("RetentionInDays").asText()).as(logGroup + " retention")
                .isEqualTo("LogRetentionInDays");
    }

    private static void assertNotifiesTheTopic(String subject, JsonNode alarm) {
        List<String> actions = new ArrayList<>();
        alarm.path("AlarmActions").forEach(action -> actions.add(action.asText()));
        assertThat(actions).as(subject + " alarm actions").contains("AlarmTopic");
    }

    /** The properties of the alarms on this metric whose dimension is the given value (a !Ref or !GetAtt). */
    private List<JsonNode> alarmsOn(String namespace, String metric, String dimension, String value) {
        List<JsonNode> found = new ArrayList<>();
        for (String name : resourcesOfType("AWS::CloudWatch::Alarm")) {
            JsonNode alarm = resource(name).path("Properties");
            if (!namespace.equals(alarm.path("Namespace").asText()) || !metric.equals(alarm.path("MetricName").asText())) continue;
            for (JsonNode d : alarm.path("Dimensions")) {
                if (dimension.equals(d.path("Name").asText()) && value.equals(d.path("Value").asText())) found.add(alarm);
            }
        }
        return found;
    }

    private Map<String, JsonNode> functions() {
        Map<String, JsonNode> functions = new LinkedHashMap<>();
        resourcesOfType("AWS::Serverless::Function").forEach(name -> functions.put(name, resource(name).path("Properties")));
        assertThat(functions).isNotEmpty();
        return functions;
    }

    private static boolean hasEvent(JsonNode function, String type) {
        for (JsonNode event : function.path("Events")) {
            if (type.equals(event.path("Type").asText())) return true;
        }
        return false;
    }

    private List<String> resourcesOfType(String type) {
        List<String> names = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = template.path("Resources").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> resource = it.next();
            if (type.equals(resource.getValue().path("Type").asText())) names.add(resource.getKey());
        }
        return names;
    }

    private JsonNode resource(String name) {
        JsonNode resource = template.path("Resources").path(name);
        assertThat(resource.isMissingNode()).as("template.yaml declares " + name).isFalse();
        return resource;
    }
}

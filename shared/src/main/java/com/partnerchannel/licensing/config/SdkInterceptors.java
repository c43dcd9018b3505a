package com.partnerchannel.licensing.config;

import com.partnerchannel.licensing.dynamodb.ConsumedCapacityCounter;
import com.partnerchannel.licensing.observability.XRaySubsegments;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Interceptors that every DynamoDB client built from the environment ({@link Licensing#dynamoDb}) gets (and
 * SES and EventBridge clients, {@link #configureSes}, {@link #configureEventBridge})
 * besides the SDK's own. Always, in Lambda too, DynamoDB clients get the {@link ConsumedCapacityCounter}: each
 * invocation's log line carries the requests and capacity units it cost. The local runner adds its fault
 * injector here ({@code --faults}) before it builds the functions, which build their clients through their
 * no-argument constructors as Lambda does.
 *
 * <p>In a Lambda function with an X-Ray daemon ({@code Tracing: Active}), every client built from the
 * environment (DynamoDB, S3, SES, EventBridge) also gets {@link XRaySubsegments}; elsewhere none.
 */
public final class SdkInterceptors {
    private static final List<ExecutionInterceptor> DYNAMODB = new CopyOnWriteArrayList<>();
    private static final List<ExecutionInterceptor> EVERY_CLIENT = everyClient(System::getenv);
    private static final ExecutionInterceptor CAPACITY = new ConsumedCapacityCounter();

    private SdkInterceptors() {
    }

    /** For DynamoDB clients built from now on. */
    public static void addToDynamoDb(ExecutionInterceptor interceptor) {
        DYNAMODB.add(interceptor);
    }

    /** Clients built from now on go without it. */
    public static void removeFromDynamoDb(ExecutionInterceptor interceptor) {
        DYNAMODB.remove(interceptor);
    }

    static List<ExecutionInterceptor> dynamoDb() {
        List<ExecutionInterceptor> interceptors = new ArrayList<>(EVERY_CLIENT);
        interceptors.add(CAPACITY);
        interceptors.addAll(DYNAMODB);
        return List.copyOf(interceptors);
    }

    /** Adds what every client gets (tracing, in a traced function) to an S3, SES or EventBridge client. */
    static void addToEveryClient(ClientOverrideConfiguration.Builder configuration) {
        EVERY_CLIENT.forEach(configuration::addExecutionInterceptor);
    }

    /** What every client gets in this environment: X-Ray subsegments in a Lambda function with a daemon. */
    static List<ExecutionInterceptor> everyClient(Function<String, String> environment) {
        return XRaySubsegments.fromEnvironment(environment, Clocks.system()).<List<ExecutionInterceptor>>map(List::of).orElse(List.of());
    }

    private static final List<ExecutionInterceptor> SES = new CopyOnWriteArrayList<>();
    private static final List<ExecutionInterceptor> EVENTBRIDGE = new CopyOnWriteArrayList<>();

    /** For SES v2 and EventBridge clients built from now on (the runner's {@code --faults ses-…, eventbridge-…}). */
    public static void addToSes(ExecutionInterceptor interceptor) {
        SES.add(interceptor);
    }

    public static void removeFromSes(ExecutionInterceptor interceptor) {
        SES.remove(interceptor);
    }

    public static void addToEventBridge(ExecutionInterceptor interceptor) {
        EVENTBRIDGE.add(interceptor);
    }

    public static void removeFromEventBridge(ExecutionInterceptor interceptor) {
        EVENTBRIDGE.remove(interceptor);
    }

    /** What every client gets, and the SES interceptors added here, on an SES client being built. */
    static void configureSes(ClientOverrideConfiguration.Builder configuration) {
        addToEveryClient(configuration);
        SES.forEach(configuration::addExecutionInterceptor);
    }

    /** What every client gets, and the EventBridge interceptors added here, on an EventBridge client being built. */
    static void configureEventBridge(ClientOverrideConfiguration.Builder configuration) {
        addToEveryClient(configuration);
        EVENTBRIDGE.forEach(configuration::addExecutionInterceptor);
    }
}

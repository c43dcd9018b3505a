package com.partnerchannel.licensing.config;

import com.partnerchannel.licensing.aws.AwsCalls;
import com.partnerchannel.licensing.aws.HttpClientWrapper;
import com.partnerchannel.licensing.dynamodb.ConsumedCapacityCounter;
import com.partnerchannel.licensing.observability.XRaySubsegments;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Interceptors that every DynamoDB client built from the environment ({@link Licensing#dynamoDb}) gets
 * besides the SDK's own (and what SES and EventBridge calls get: {@link #ses}, {@link #eventBridge}). Always, in Lambda too, DynamoDB clients get the {@link ConsumedCapacityCounter}: each
 * invocation's log line carries the requests and capacity units it cost. The local runner adds its fault
 * injector here ({@code --faults}) before it builds the functions, which build their clients through their
 * no-argument constructors as Lambda does.
 *
 * <p>In a Lambda function with an X-Ray daemon ({@code Tracing: Active}), every client built from the
 * environment gets {@link XRaySubsegments}: the DynamoDB client as an interceptor, the S3, SES and EventBridge
 * calls ({@code aws.AwsCalls}, no SDK client) through {@link #tracing()}; elsewhere none.
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

    /** What every client gets in this environment: X-Ray subsegments in a Lambda function with a daemon. */
    static List<ExecutionInterceptor> everyClient(Function<String, String> environment) {
        return XRaySubsegments.fromEnvironment(environment, Clocks.system()).<List<ExecutionInterceptor>>map(List::of).orElse(List.of());
    }

    private static final List<HttpClientWrapper> SES = new CopyOnWriteArrayList<>();
    private static final List<HttpClientWrapper> EVENTBRIDGE = new CopyOnWriteArrayList<>();

    /**
     * Around the HTTP client of SES v2 and EventBridge calls built from now on (the runner's {@code --faults ses-…,
     * eventbridge-…}). Those calls go through {@link AwsCalls}, not an SDK client: no execution interceptor runs.
     */
    public static void addToSes(HttpClientWrapper wrapper) {
        SES.add(wrapper);
    }

    public static void removeFromSes(HttpClientWrapper wrapper) {
        SES.remove(wrapper);
    }

    public static void addToEventBridge(HttpClientWrapper wrapper) {
        EVENTBRIDGE.add(wrapper);
    }

    public static void removeFromEventBridge(HttpClientWrapper wrapper) {
        EVENTBRIDGE.remove(wrapper);
    }

    /** SES v2 calls: the url-connection client with the wrappers added here, traced as every client is. */
    static AwsCalls.Builder ses() {
        return AwsCalls.builder(AwsCalls.Service.SES_V2).http(wrapped(SES)).tracing(tracing());
    }

    /** EventBridge calls: the url-connection client with the wrappers added here, traced as every client is. */
    static AwsCalls.Builder eventBridge() {
        return AwsCalls.builder(AwsCalls.Service.EVENTBRIDGE).http(wrapped(EVENTBRIDGE)).tracing(tracing());
    }

    /** S3 calls: the url-connection client, traced as every client is. */
    static AwsCalls.Builder s3() {
        return AwsCalls.builder(AwsCalls.Service.S3).http(UrlConnectionHttpClient.create()).tracing(tracing());
    }

    private static SdkHttpClient wrapped(List<HttpClientWrapper> wrappers) {
        SdkHttpClient http = UrlConnectionHttpClient.create();
        for (HttpClientWrapper wrapper : wrappers) http = wrapper.around(http);
        return http;
    }

    /** The X-Ray subsegments that every client gets here, for the calls that go without an SDK client. */
    static Optional<XRaySubsegments> tracing() {
        return EVERY_CLIENT.stream().filter(XRaySubsegments.class::isInstance).map(XRaySubsegments.class::cast).findFirst();
    }
}

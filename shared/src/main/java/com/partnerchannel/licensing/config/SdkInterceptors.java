package com.partnerchannel.licensing.config;

import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Interceptors that every DynamoDB client built from the environment ({@link Licensing#dynamoDb}) gets
 * besides the SDK's own. None in Lambda: nothing there adds any. The local runner adds its fault
 * injector here ({@code --faults}) before it builds the functions, which build their clients through
 * their no-argument constructors as Lambda does.
 */
public final class SdkInterceptors {
    private static final List<ExecutionInterceptor> DYNAMODB = new CopyOnWriteArrayList<>();

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
        return List.copyOf(DYNAMODB);
    }
}

package com.partnerchannel.licensing.aws;

import software.amazon.awssdk.http.SdkHttpClient;

/**
 * Something put around the HTTP client of an {@link AwsCalls}, where an SDK client would take an execution
 * interceptor: the runner's and the tests' fault injectors ({@code faults.SesFaults}, {@code faults.EventBridgeFaults}).
 */
@FunctionalInterface
public interface HttpClientWrapper {
    SdkHttpClient around(SdkHttpClient client);
}

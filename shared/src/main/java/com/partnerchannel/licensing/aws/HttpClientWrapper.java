package com.partnerchannel.licensing.aws;

import software.amazon.awssdk.http.SdkHttpClient;

/**
 * Something put around the HTTP client of an {@link AwsCalls}, where an SDK client would take an execution
 * interceptor: the runner's and the tests' fault injectors ({@code SesFaults::around}, {@code EventBridgeFaults::around},
 * of the faults/ module, which knows nothing of the core).
 */
@FunctionalInterface
public interface HttpClientWrapper {
    SdkHttpClient around(SdkHttpClient client);
}

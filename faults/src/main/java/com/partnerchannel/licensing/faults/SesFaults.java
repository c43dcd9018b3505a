package com.partnerchannel.licensing.faults;

import com.partnerchannel.licensing.faults.Faults.Fault;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;

import java.util.Optional;

/**
 * Makes SES v2 refuse a share of its SendEmail attempts as SES does when an account is at its limits: the
 * maximum sending rate ({@code TooManyRequestsException}, 429) or the daily quota (a {@code ThrottlingException}
 * "Daily message quota exceeded", 400). It sits around the HTTP client of the SES calls ({@code aws.AwsCalls})
 * and answers a refused attempt itself, as SES answers it: the request is never sent, and the caller's retries
 * (the SDK's strategy) meet the refusal per attempt.
 */
public final class SesFaults extends FaultInjector {
    public SesFaults(Faults faults) {
        super(faults, 0x5E5L);
    }

    /** {@code client} with this injector in front; the core takes {@code faults::around} as an {@code aws.HttpClientWrapper}. */
    public SdkHttpClient around(SdkHttpClient client) {
        return inFrontOf(client, request -> refused(request).orElseGet(() -> client.prepareRequest(request)));
    }

    private Optional<ExecutableHttpRequest> refused(HttpExecuteRequest request) {
        if (!isOn() || request.httpRequest().method() != SdkHttpMethod.POST
                || !request.httpRequest().encodedPath().endsWith("/v2/email/outbound-emails")) {
            return Optional.empty();
        }
        boolean throttle;
        boolean quota;
        synchronized (random) {
            throttle = draw(Fault.SES_THROTTLE);
            quota = draw(Fault.SES_QUOTA_EXCEEDED);
        }
        if (throttle) {
            count(1);
            return Optional.of(answered(429, "TooManyRequestsException", "Maximum sending rate exceeded."));
        }
        if (quota) {
            count(1);
            return Optional.of(answered(400, "ThrottlingException", "Daily message quota exceeded."));
        }
        return Optional.empty();
    }
}

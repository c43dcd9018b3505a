package com.partnerchannel.licensing.faults;

import com.partnerchannel.licensing.faults.Faults.Fault;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes a real SES v2 client refuse a share of its SendEmail attempts as SES does when an account is at
 * its limits: the maximum sending rate ({@code TooManyRequestsException}, 429) or the daily quota (a
 * {@code ThrottlingException} "Daily message quota exceeded"). Both are thrown before the request is
 * sent, per attempt and inside the SDK's retry loop: nothing is sent by a refused attempt.
 */
public final class SesFaults implements ExecutionInterceptor {
    private final Faults faults;
    private final Random random;
    private final AtomicLong injected = new AtomicLong();
    private final AtomicBoolean on = new AtomicBoolean(true);

    public SesFaults(Faults faults) {
        this.faults = faults;
        this.random = new Random(faults.seed() ^ 0x5E5L);
    }

    public long injected() {
        return injected.get();
    }

    public void switchOn(boolean on) {
        this.on.set(on);
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (!on.get() || !"SendEmail".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) return;
        boolean throttle;
        boolean quota;
        synchronized (random) {
            throttle = draw(Fault.SES_THROTTLE);
            quota = draw(Fault.SES_QUOTA_EXCEEDED);
        }
        if (throttle) {
            injected.incrementAndGet();
            String message = "Maximum sending rate exceeded.";
            throw TooManyRequestsException.builder().message(message)
                    .awsErrorDetails(details("TooManyRequestsException", message, 429)).statusCode(429).build();
        }
        if (quota) {
            injected.incrementAndGet();
            String message = "Daily message quota exceeded.";
            throw SesV2Exception.builder().message(message)
                    .awsErrorDetails(details("ThrottlingException", message, 400)).statusCode(400).build();
        }
    }

    private boolean draw(Fault fault) {
        double rate = faults.rate(fault);
        return rate > 0 && random.nextDouble() < rate;
    }

    private static AwsErrorDetails details(String code, String message, int status) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("SESv2")
                .sdkHttpResponse(SdkHttpResponse.builder().statusCode(status).build()).build();
    }
}

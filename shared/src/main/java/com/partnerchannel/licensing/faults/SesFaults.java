package com.partnerchannel.licensing.faults;

import com.partnerchannel.licensing.faults.Faults.Fault;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;


/**
 * Makes a real SES v2 client refuse a share of its SendEmail attempts as SES does when an account is at
 * its limits: the maximum sending rate ({@code TooManyRequestsException}, 429) or the daily quota (a
 * {@code ThrottlingException} "Daily message quota exceeded"). Both are thrown before the request is
 * sent, per attempt and inside the SDK's retry loop: nothing is sent by a refused attempt.
 */
public final class SesFaults extends FaultInjector {
    public SesFaults(Faults faults) {
        super(faults, 0x5E5L);
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (!isOn() || !"SendEmail".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) return;
        boolean throttle;
        boolean quota;
        synchronized (random) {
            throttle = draw(Fault.SES_THROTTLE);
            quota = draw(Fault.SES_QUOTA_EXCEEDED);
        }
        if (throttle) {
            count(1);
            String message = "Maximum sending rate exceeded.";
            throw TooManyRequestsException.builder().message(message)
                    .awsErrorDetails(details("TooManyRequestsException", message, 429)).statusCode(429).build();
        }
        if (quota) {
            count(1);
            String message = "Daily message quota exceeded.";
            throw SesV2Exception.builder().message(message)
                    .awsErrorDetails(details("ThrottlingException", message, 400)).statusCode(400).build();
        }
    }

    private static AwsErrorDetails details(String code, String message, int status) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("SESv2")
                .sdkHttpResponse(SdkHttpResponse.builder().statusCode(status).build()).build();
    }
}

package com.partnerchannel.licensing.config;

import com.partnerchannel.licensing.observability.XRaySubsegments;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** X-Ray subsegments on every client in a traced Lambda function, and nowhere else. */
class SdkInterceptorsTest {

    @Test
    void aLambdaFunctionWithAnXRayDaemonTracesItsClients() {
        Map<String, String> lambda = Map.of("AWS_LAMBDA_FUNCTION_NAME", "licensing-OrdersFunction",
                "AWS_XRAY_DAEMON_ADDRESS", "169.254.79.129:2000");

        assertThat(SdkInterceptors.everyClient(lambda::get)).singleElement().isInstanceOf(XRaySubsegments.class);
    }

    @Test
    void theDaemonsTwoProtocolAddressIsUnderstood() {
        Map<String, String> lambda = Map.of("AWS_LAMBDA_FUNCTION_NAME", "licensing-OrdersFunction",
                "AWS_XRAY_DAEMON_ADDRESS", "tcp:169.254.79.129:2000 udp:169.254.79.129:2000");

        assertThat(SdkInterceptors.everyClient(lambda::get)).singleElement().isInstanceOf(XRaySubsegments.class);
    }

    @Test
    void noTracingOutsideLambdaOrWithoutADaemon() {
        Map<String, String> runner = Map.of("TABLE_NAME", "licensing", "AWS_XRAY_DAEMON_ADDRESS", "127.0.0.1:2000");
        Map<String, String> untraced = Map.of("AWS_LAMBDA_FUNCTION_NAME", "licensing-OrdersFunction");
        Map<String, String> badAddress = Map.of("AWS_LAMBDA_FUNCTION_NAME", "licensing-OrdersFunction",
                "AWS_XRAY_DAEMON_ADDRESS", "no port here");

        assertThat(SdkInterceptors.everyClient(runner::get)).isEmpty();
        assertThat(SdkInterceptors.everyClient(untraced::get)).isEmpty();
        assertThat(SdkInterceptors.everyClient(badAddress::get)).isEmpty();
    }

    @Test
    void thisJvmIsNoLambdaFunctionSoItsDynamoDbClientsGoUntraced() {
        assertThat(System.getenv("AWS_LAMBDA_FUNCTION_NAME")).isNull();

        assertThat(SdkInterceptors.dynamoDb()).noneMatch(XRaySubsegments.class::isInstance);
    }
}

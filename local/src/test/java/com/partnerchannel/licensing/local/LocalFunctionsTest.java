package com.partnerchannel.licensing.local;

import com.partnerchannel.licensing.testing.SamTemplate;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class LocalFunctionsTest {
    private final SamTemplate template = SamTemplate.load();

    @Test
    void eachFunctionGetsTheLocalTableAndTheLocalDynamoDbEndpointButNoLambdaTuning() {
        for (SamTemplate.Function function : template.functions()) {
            var environment = LocalFunctions.environment(template.json(), function, "licensing",
                    URI.create("http://127.0.0.1:8123"));

            assertThat(environment).containsEntry("TABLE_NAME", "licensing")
                    .containsEntry("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8123")
                    .doesNotContainKey("JAVA_TOOL_OPTIONS");
        }
    }
}

package com.partnerchannel.licensing.api;

import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.ActionChain;

/**
 * The model comparison of {@link LicensingProperties} over DynamoDB Local: a shorter run than the in-memory
 * one ({@code LicensingPropertiesTest}), to show the real adapters keep the rules too.
 */
class LicensingPropertiesIT extends LicensingProperties {

    @Property(tries = 8, afterFailure = AfterFailureMode.SAMPLE_FIRST)
    void theSystemFollowsTheRulesAfterEveryStep(@ForAll("sequences") ActionChain<World> chain) {
        runAndCompare(chain);
    }

    @Provide
    Arbitrary<ActionChain<World>> sequences() {
        return sequences(LicensingProperties::onDynamoDbLocal, 25);
    }
}

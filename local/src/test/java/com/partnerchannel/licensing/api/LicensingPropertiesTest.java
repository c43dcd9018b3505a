package com.partnerchannel.licensing.api;

import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.ActionChain;

/**
 * The model comparison of {@link LicensingProperties} with the handlers over the in-memory adapters: many
 * more and longer sequences than on DynamoDB Local, in the fast tier (no network).
 */
class LicensingPropertiesTest extends LicensingProperties {

    @Property(tries = 30, afterFailure = AfterFailureMode.SAMPLE_FIRST)
    void theSystemFollowsTheRulesAfterEveryStep(@ForAll("sequences") ActionChain<World> chain) {
        runAndCompare(chain);
    }

    @Provide
    Arbitrary<ActionChain<World>> sequences() {
        return sequences(LicensingProperties::inMemory, 60);
    }
}

package com.partnerchannel.licensing.local;

import com.partnerchannel.licensing.config.SdkInterceptors;
import com.partnerchannel.licensing.faults.DynamoDbFaults;
import com.partnerchannel.licensing.faults.EventBridgeFaults;
import com.partnerchannel.licensing.faults.Faults;
import com.partnerchannel.licensing.faults.SesFaults;

import java.util.Optional;

/**
 * The injectors of {@code --faults}, one per AWS service that has a fault named: put on the clients the
 * functions build (DynamoDB, SES v2, EventBridge) before they are built, off while the demo companies are
 * seeded, taken off again when the runner closes.
 */
public record LocalFaults(Optional<DynamoDbFaults> dynamoDb, Optional<SesFaults> ses,
                          Optional<EventBridgeFaults> eventBridge) {

    /** The injectors {@code faults} names, installed and switched off; empty when it names none. */
    static Optional<LocalFaults> install(Faults faults) {
        if (!faults.any()) return Optional.empty();
        LocalFaults local = new LocalFaults(
                Optional.of(faults).filter(f -> f.anyOf("dynamodb-")).map(DynamoDbFaults::new),
                Optional.of(faults).filter(f -> f.anyOf("ses-")).map(SesFaults::new),
                Optional.of(faults).filter(f -> f.anyOf("eventbridge-")).map(EventBridgeFaults::new));
        local.switchOn(false);
        local.dynamoDb.ifPresent(SdkInterceptors::addToDynamoDb);
        local.ses.ifPresent(SdkInterceptors::addToSes);
        local.eventBridge.ifPresent(SdkInterceptors::addToEventBridge);
        return Optional.of(local);
    }

    void uninstall() {
        dynamoDb.ifPresent(SdkInterceptors::removeFromDynamoDb);
        ses.ifPresent(SdkInterceptors::removeFromSes);
        eventBridge.ifPresent(SdkInterceptors::removeFromEventBridge);
    }

    public void switchOn(boolean on) {
        dynamoDb.ifPresent(f -> f.switchOn(on));
        ses.ifPresent(f -> f.switchOn(on));
        eventBridge.ifPresent(f -> f.switchOn(on));
    }

    /** Faults thrown (or entries failed) so far, on every service. */
    public long injected() {
        return dynamoDb.map(DynamoDbFaults::injected).orElse(0L) + ses.map(SesFaults::injected).orElse(0L)
                + eventBridge.map(EventBridgeFaults::injected).orElse(0L);
    }
}

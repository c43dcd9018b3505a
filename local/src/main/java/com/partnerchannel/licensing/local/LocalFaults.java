package com.partnerchannel.licensing.local;

import com.partnerchannel.licensing.aws.HttpClientWrapper;
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
public final class LocalFaults {
    private final Optional<DynamoDbFaults> dynamoDb;
    private final Optional<SesFaults> ses;
    private final Optional<EventBridgeFaults> eventBridge;
    /** The wrappers put around the SES and EventBridge calls' HTTP client, kept: they come off by identity. */
    private final Optional<HttpClientWrapper> sesHttp;
    private final Optional<HttpClientWrapper> eventBridgeHttp;

    private LocalFaults(Faults faults) {
        dynamoDb = Optional.of(faults).filter(f -> f.anyOf("dynamodb-")).map(DynamoDbFaults::new);
        ses = Optional.of(faults).filter(f -> f.anyOf("ses-")).map(SesFaults::new);
        eventBridge = Optional.of(faults).filter(f -> f.anyOf("eventbridge-")).map(EventBridgeFaults::new);
        sesHttp = ses.map(injector -> injector::around);
        eventBridgeHttp = eventBridge.map(injector -> injector::around);
    }

    /** The injectors {@code faults} names, installed and switched off; empty when it names none. */
    static Optional<LocalFaults> install(Faults faults) {
        if (!faults.any()) return Optional.empty();
        LocalFaults local = new LocalFaults(faults);
        local.switchOn(false);
        local.dynamoDb.ifPresent(SdkInterceptors::addToDynamoDb);
        local.sesHttp.ifPresent(SdkInterceptors::addToSes);
        local.eventBridgeHttp.ifPresent(SdkInterceptors::addToEventBridge);
        return Optional.of(local);
    }

    void uninstall() {
        dynamoDb.ifPresent(SdkInterceptors::removeFromDynamoDb);
        sesHttp.ifPresent(SdkInterceptors::removeFromSes);
        eventBridgeHttp.ifPresent(SdkInterceptors::removeFromEventBridge);
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

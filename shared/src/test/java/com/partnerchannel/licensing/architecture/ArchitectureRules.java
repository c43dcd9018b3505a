package com.partnerchannel.licensing.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;

/** What the architecture tests of shared/ and of the functions both look for. */
public final class ArchitectureRules {
    private ArchitectureRules() {
    }

    /** {@code now()} of any java.time class, {@code Clock.system*()}, {@code System.currentTimeMillis()} or {@code nanoTime()}. */
    public static DescribedPredicate<JavaCall<?>> readsTheSystemClock() {
        return DescribedPredicate.describe("reads the system clock", call -> {
            String owner = call.getTargetOwner().getName();
            String name = call.getName();
            return owner.startsWith("java.time.") && (name.equals("now") || name.startsWith("system"))
                    || owner.equals("java.lang.System") && (name.equals("currentTimeMillis") || name.equals("nanoTime"));
        });
    }

    /** A {@code TransactWriteItems} sent through the SDK's DynamoDB client, by either of its overloads. */
    public static DescribedPredicate<JavaCall<?>> writesADynamoDbTransaction() {
        return DescribedPredicate.describe("writes a DynamoDB transaction", call ->
                call.getName().equals("transactWriteItems")
                        && call.getTargetOwner().getName().startsWith("software.amazon.awssdk.services.dynamodb."));
    }
}

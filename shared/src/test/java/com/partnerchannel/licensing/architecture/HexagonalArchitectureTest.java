package com.partnerchannel.licensing.architecture;

import com.partnerchannel.licensing.allocation.model.AllocationChange;
import com.partnerchannel.licensing.common.Change;
import com.partnerchannel.licensing.common.Publish;
import com.partnerchannel.licensing.config.Clocks;
import com.partnerchannel.licensing.observability.Latency;
import com.partnerchannel.licensing.ordering.model.OrderChange;
import com.partnerchannel.licensing.renewal.model.RenewalImportChange;
import com.partnerchannel.licensing.tenancy.model.CompanyChange;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The shape the code keeps: the domain (models and use cases) knows nothing of AWS, Lambda, JSON or
 * any adapter; a model never reaches into a use case; the capabilities depend on each other in one
 * direction only (tenancy, then ordering and allocation, then onboarding, renewal and expiry); time
 * comes from the injected clock.
 */
class HexagonalArchitectureTest {
    private static final String[] DOMAIN = {"..common..", "..tenancy..", "..ordering..", "..allocation..", "..directory..",
            "..onboarding..", "..expiry..", "..notification..", "..outbox..", "com.partnerchannel.licensing.renewal.."};
    private static final String[] ADAPTERS = {"com.partnerchannel.licensing.dynamodb..",
            "com.partnerchannel.licensing.http..", "com.partnerchannel.licensing.s3..",
            "com.partnerchannel.licensing.ses..", "com.partnerchannel.licensing.eventbridge..",
            "com.partnerchannel.licensing.config..", "com.partnerchannel.licensing.scim..",
            // Signed calls without a generated client (SES, EventBridge).
            "com.partnerchannel.licensing.aws.."};
    /**
     * Imported once for the class, from the module's class directories only (no jar is scanned, and not the
     * fixtures of testing/ nor the injectors of faults/, class directories on this class path in a reactor build);
     * archunit.properties keeps ArchUnit from importing every AWS class they refer to: the rules need those classes'
     * names, not their contents.
     */
    private static final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .withImportOption(location -> !location.contains("/com/partnerchannel/licensing/testing/"))
            .withImportOption(location -> !location.contains("/com/partnerchannel/licensing/faults/"))
            .importPackages("com.partnerchannel.licensing");

    @Test
    void theDomainDoesNotUseTheAwsSdkOrLambda() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "com.amazonaws..")
                .check(classes);
    }

    @Test
    void theDomainDoesNotUseJacksonOrAnyAdapter() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml..")
                .orShould().dependOnClassesThat().resideInAnyPackage(ADAPTERS)
                .check(classes);
    }

    @Test
    void noClassOfTheCoreUsesTheFaultInjectors() {
        // faults/ is on this class path for the core's own tests (test scope). A class of the core that used it would
        // carry it into every function's jar; JarSizesIT checks the jars themselves.
        noClasses().should().dependOnClassesThat().resideInAPackage("com.partnerchannel.licensing.faults..")
                .check(classes);
    }

    @Test
    void aModelNeverReachesIntoAUseCase() {
        noClasses().that().resideInAPackage("..model..")
                .should().dependOnClassesThat().resideInAPackage("..application..")
                .check(classes);
    }

    @Test
    void theDomainCountsWhatHappenedWithoutKnowingOfMetrics() {
        // A use case tells common.Tallies what happened; observability makes it a CloudWatch metric.
        noClasses().that().resideInAnyPackage("..model..", "..application..")
                .should().dependOnClassesThat().resideInAPackage("..observability..")
                .check(classes);
    }

    @Test
    void noTwoPackagesDependOnEachOther() {
        slices().matching("com.partnerchannel.licensing.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void everyChangeIsAKindTheAdaptersMustMap() {
        // A change outside the capabilities' sealed families would compile unmapped and fail only when committed.
        classes().that().implement(Change.class).and().areNotInterfaces()
                .should().implement(CompanyChange.class).orShould().implement(OrderChange.class)
                .orShould().implement(AllocationChange.class).orShould().implement(RenewalImportChange.class)
                .orShould().be(Publish.class)
                .check(classes);
    }

    @Test
    void everyDynamoDbTransactionIsWrittenByTransactionOnly() {
        // One builder, one commit and one reading of a cancellation (a change to decide again on, the request
        // done before, or our failure), with DynamoDB's 100-item limit, for every TransactWriteItems.
        noClasses().that().doNotHaveFullyQualifiedName("com.partnerchannel.licensing.dynamodb.Transaction")
                .should().callMethodWhere(ArchitectureRules.writesADynamoDbTransaction())
                .check(classes);
    }

    @Test
    void timeComesFromTheInjectedClockOnly() {
        // Latency times what a function took, for its log line: not a business time.
        noClasses().that().doNotBelongToAnyOf(Clocks.class, Latency.class)
                .should().callMethodWhere(ArchitectureRules.readsTheSystemClock())
                .check(classes);
    }
}

package com.partnerchannel.licensing.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The domain (models and use cases) knows nothing of AWS, Lambda, JSON or its own adapters. */
class HexagonalArchitectureTest {
    private static final String[] DOMAIN = {"..common..", "..tenancy..", "..ordering..", "..allocation..",
            "..expiry..", "..notification..", "..outbox..", "com.partnerchannel.licensing.renewal.."};
    /**
     * Imported once for the class, from the module's class directories only (no jar is scanned);
     * archunit.properties keeps ArchUnit from importing every AWS class they refer to: the rules need
     * those classes' names, not their contents.
     */
    private static final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("com.partnerchannel.licensing");

    @Test
    void theDomainDoesNotUseTheAwsSdkOrLambda() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "com.amazonaws..")
                .check(classes);
    }

    @Test
    void theDomainDoesNotUseJacksonOrTheAdapters() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml..",
                        "com.partnerchannel.licensing.dynamodb..", "com.partnerchannel.licensing.http..",
                        "com.partnerchannel.licensing.config..")
                .check(classes);
    }

    @Test
    void nothingAboutExpiryCallsTheSystemClockDirectly() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().callMethod(java.time.Instant.class, "now")
                .check(classes);
    }
}

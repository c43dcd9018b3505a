package com.partnerchannel.licensing.api;

import com.partnerchannel.licensing.architecture.ArchitectureRules;
import com.partnerchannel.licensing.dynamodb.OutboxStream;
import com.partnerchannel.licensing.testing.SamTemplate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The functions are thin: a handler reaches the licensing core through its entry points (the wiring in
 * {@code config}, the HTTP edge in {@code http}, use cases and their models), never through an adapter
 * (DynamoDB, S3, SES, EventBridge), and no function uses another's code. The one exception is the
 * table stream's record reader, {@link OutboxStream}: the stream's format is the table's.
 */
class FunctionsArchitectureTest {
    private static final JavaClasses functions = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.partnerchannel.licensing.functions");

    @Test
    void everyFunctionOfTheTemplateIsChecked() {
        org.assertj.core.api.Assertions.assertThat(functions.stream().map(JavaClass::getName))
                .containsAll(SamTemplate.load().functions().stream().map(SamTemplate.Function::handlerClass).toList());
    }

    @Test
    void aHandlerUsesNoAdapterDirectly() {
        noClasses().should().dependOnClassesThat(describe("are an adapter of the core",
                        (JavaClass target) -> target.getPackageName().matches(
                                "com\\.partnerchannel\\.licensing\\.(dynamodb|s3|ses|eventbridge|aws)(\\..*)?")
                                && !target.isEquivalentTo(OutboxStream.class)))
                .check(functions);
    }

    @Test
    void noFunctionUsesAnotherFunctionsCode() {
        slices().matching("com.partnerchannel.licensing.functions.(*)..").should().notDependOnEachOther()
                .check(functions);
    }

    @Test
    void timeComesFromTheInjectedClockOnly() {
        noClasses().should().callMethodWhere(ArchitectureRules.readsTheSystemClock())
                .check(functions);
    }

    @Test
    void aHandlerWritesNoDynamoDbTransactionOfItsOwn() {
        // Every TransactWriteItems goes through the core's one write path (dynamodb.Transaction).
        noClasses().should().callMethodWhere(ArchitectureRules.writesADynamoDbTransaction())
                .check(functions);
    }
}

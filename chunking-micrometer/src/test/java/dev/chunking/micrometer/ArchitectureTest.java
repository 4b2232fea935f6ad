package dev.chunking.micrometer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import dev.chunking.testing.ArchitectureRules;

/**
 * chunking-micrometer's main classes, with those of the modules it is built on, keep the package
 * rules of the design; this module speaks to core and streaming through their exported API and to
 * Micrometer only, and nothing else of the project knows Micrometer.
 */
@AnalyzeClasses(packages = "dev.chunking", importOptions = ArchitectureRules.MainClassesOnly.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests followsTheProjectsArchitectureRules = ArchTests.in(ArchitectureRules.class);

    @ArchTest
    static final ArchRule dependsOnTheJdkTheExportedApiOfCoreAndStreamingAndMicrometerOnly = classes()
            .that().resideInAPackage("dev.chunking.micrometer..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.chunking.micrometer..", "dev.chunking.domain",
                    "dev.chunking.spi", "dev.chunking.application", "dev.chunking.streaming.operation", "io.micrometer.core.instrument..")
            .because("the meters are built on the ports and values core and streaming export, never on an adapter or an engine");

    @ArchTest
    static final ArchRule noOtherPartOfTheProjectDependsOnMicrometer = noClasses()
            .that().resideInAPackage("dev.chunking..").and().resideOutsideOfPackage("dev.chunking.micrometer..")
            .should().dependOnClassesThat().resideInAPackage("io.micrometer..")
            .because("Micrometer is this module's dependency only: core stays on the JDK");
}

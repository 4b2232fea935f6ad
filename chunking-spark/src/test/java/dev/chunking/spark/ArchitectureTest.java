package dev.chunking.spark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import dev.chunking.testing.ArchitectureRules;

/**
 * chunking-spark's main classes, with those of the modules it is built on, keep the package rules of
 * the design, read from their bytecode; the module speaks to core and streaming through their
 * exported API only (never an adapter, the CLI or an engine), and nothing else of the project knows
 * Spark or Scala.
 */
@AnalyzeClasses(packages = "dev.chunking", importOptions = ArchitectureRules.MainClassesOnly.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests followsTheProjectsArchitectureRules = ArchTests.in(ArchitectureRules.class);

    @ArchTest
    static final ArchRule dependsOnTheJdkTheApiOfCoreAndStreamingAndSparkOnly = classes()
            .that().resideInAPackage("dev.chunking.spark..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.chunking.spark..", "dev.chunking.domain",
                    "dev.chunking.spi", "dev.chunking.application", "dev.chunking.streaming", "org.apache.spark..", "scala..")
            .because("the Spark module is core's chunking and streaming's byte sources behind Spark's Dataset API");

    @ArchTest
    static final ArchRule noOtherPartOfTheProjectDependsOnSpark = noClasses()
            .that().resideInAPackage("dev.chunking..").and().resideOutsideOfPackage("dev.chunking.spark..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "scala..")
            .because("Spark is this module's provided dependency only: core stays on the JDK");
}

package dev.chunking.springai;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import dev.chunking.testing.ArchitectureRules;

/**
 * chunking-spring-ai's main classes, with those of the modules it is built on, keep the package
 * rules of the design, read from their bytecode; and the bridge itself sees only the JDK, the API
 * chunking-core exports and Spring AI's document types (no engine internals, no other Spring).
 */
@AnalyzeClasses(packages = "dev.chunking", importOptions = ArchitectureRules.MainClassesOnly.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests followsTheProjectsArchitectureRules = ArchTests.in(ArchitectureRules.class);

    @ArchTest
    static final ArchRule theBridgeDependsOnTheJdkCoreApiAndSpringAiDocumentsOnly = classes()
            .that().resideInAPackage("dev.chunking.springai..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.chunking.springai..",
                    "dev.chunking.domain", "dev.chunking.spi", "dev.chunking.application", "org.springframework.ai.document..",
                    "org.springframework.ai.transformer.splitter")
            .because("the bridge is a thin adapter from chunking-core's API to Spring AI's Document and TextSplitter");
}

package dev.chunking.langchain4j;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import dev.chunking.testing.ArchitectureRules;

/**
 * chunking-langchain4j's main classes, with those of the modules it is built on, keep the package
 * rules of the design, read from their bytecode; and the bridge itself uses chunking-core's exported
 * API and langchain4j-core's document, segment and splitter-SPI packages only, so a host needs no
 * more of LangChain4j than langchain4j-core (its {@code DocumentSplitters} and stores live elsewhere).
 */
@AnalyzeClasses(packages = "dev.chunking", importOptions = ArchitectureRules.MainClassesOnly.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests followsTheProjectsArchitectureRules = ArchTests.in(ArchitectureRules.class);

    @ArchTest
    static final ArchRule theBridgeUsesCoresApiAndLangChain4jsCoreTypesOnly = classes()
            .that().resideInAPackage("dev.chunking.langchain4j..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.chunking.langchain4j..",
                    "dev.chunking.domain", "dev.chunking.spi", "dev.chunking.strategy", "dev.chunking.application",
                    "dev.langchain4j.data.document", "dev.langchain4j.data.segment", "dev.langchain4j.spi.data.document.splitter")
            .because("the bridge is a DocumentSplitter over chunking-core's API; langchain4j-core is all it needs at run time");
}

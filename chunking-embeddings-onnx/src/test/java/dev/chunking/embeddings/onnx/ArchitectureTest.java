package dev.chunking.embeddings.onnx;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import dev.chunking.testing.ArchitectureRules;

/**
 * chunking-embeddings-onnx's main classes, with those of the modules it is built on, keep the
 * package rules of the design, read from their bytecode; and this module sees core's API, the JDK
 * and ONNX Runtime only (not LangChain4j, whose artifact it reads two resources of).
 */
@AnalyzeClasses(packages = "dev.chunking", importOptions = ArchitectureRules.MainClassesOnly.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests followsTheProjectsArchitectureRules = ArchTests.in(ArchitectureRules.class);

    @ArchTest
    static final ArchRule dependsOnCoresApiTheJdkAndOnnxRuntimeOnly = classes()
            .that().resideInAPackage("dev.chunking.embeddings.onnx..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.chunking.domain..", "dev.chunking.spi..",
                    "dev.chunking.embeddings.onnx..", "ai.onnxruntime..")
            .because("the embedder is a plugin on chunking-core's exported API, running the model on ONNX Runtime alone");

    @ArchTest
    static final ArchRule onlyTheInternalPackageTouchesOnnxRuntime = noClasses()
            .that().resideInAPackage("dev.chunking.embeddings.onnx")
            .should().dependOnClassesThat().resideInAPackage("ai.onnxruntime..")
            .because("the API speaks in texts and vectors; the session is an internal detail");
}

package dev.chunking.examples.relay;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import dev.chunking.testing.ArchitectureRules;

/**
 * The relay, with the library it is built on, keeps the package rules of the design, read from
 * the bytecode: in particular it touches no internal package of the library.
 */
@AnalyzeClasses(packages = "dev.chunking", importOptions = ArchitectureRules.MainClassesOnly.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests followsTheProjectsArchitectureRules = ArchTests.in(ArchitectureRules.class);
}

package dev.chunking.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * The package rules of docs/DESIGN.md, read from the compiled classes (so an inline
 * fully-qualified name hides no arrow): {@code domain} depends on nothing else of the project,
 * {@code spi} on {@code domain} only, nobody outside a feature touches its {@code internal}
 * package, core depends on the JDK and itself only, streaming on core's API only, neither on the
 * command line, the benchmarks, the tokenizers or an adapter, and no two packages depend on each
 * other in a cycle.
 *
 * <p>A module applies every rule with an {@code ArchitectureTest} that imports the project's main
 * classes on its class path (its own and its dependencies'), without test classes:
 *
 * <pre>{@code
 * @AnalyzeClasses(packages = "dev.chunking", importOptions = ArchitectureRules.MainClassesOnly.class)
 * class ArchitectureTest {
 *     @ArchTest
 *     static final ArchTests followsTheProjectsArchitectureRules = ArchTests.in(ArchitectureRules.class);
 * }
 * }</pre>
 */
public final class ArchitectureRules {

    private static final String JDK = "java..";
    private static final String DOMAIN = "dev.chunking.domain..";
    private static final String SPI = "dev.chunking.spi..";
    private static final String STREAMING = "dev.chunking.streaming..";

    /** Every package of chunking-core, with sub-packages (such as the engine in strategy.internal). */
    private static final String[] CORE = {DOMAIN, SPI, "dev.chunking.strategy..", "dev.chunking.application..",
        "dev.chunking.ratelimit.."};

    /** The packages chunking-core exports: what other modules may depend on. */
    private static final String[] CORE_API = {"dev.chunking.domain", "dev.chunking.spi", "dev.chunking.strategy",
        "dev.chunking.application", "dev.chunking.ratelimit"};

    /** Top packages of the project that are not core: modules built on it, adapters to come, tests. */
    private static final String[] NOT_CORE = {STREAMING, "dev.chunking.cli..", "dev.chunking.tokenizers..",
        "dev.chunking.benchmarks..", "dev.chunking.postgres..", "dev.chunking.redis..", "dev.chunking.langchain4j..",
        "dev.chunking.spring..", "dev.chunking.springai..", "dev.chunking.embeddings..", "dev.chunking.onnx..",
        "dev.chunking.micrometer..", "dev.chunking.spark..", "dev.chunking.examples..", "dev.chunking.testing.."};

    /** The modules at the top, which neither core nor streaming may depend on. */
    private static final String[] TOP = {"dev.chunking.cli..", "dev.chunking.benchmarks..",
        "dev.chunking.tokenizers.."};

    /** The domain values and exceptions depend on the JDK and on each other only. */
    @ArchTest
    public static final ArchRule domainDependsOnNothingElseOfTheProject = classes()
            .that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat().resideInAnyPackage(JDK, DOMAIN)
            .because("the domain is the bottom layer: values and the exception hierarchy");

    /** The plugin interfaces and ports speak in domain values only. */
    @ArchTest
    public static final ArchRule spiDependsOnlyOnTheDomain = classes()
            .that().resideInAPackage(SPI)
            .should().onlyDependOnClassesThat().resideInAnyPackage(JDK, DOMAIN, SPI)
            .because("plugins and adapters implement the spi without pulling in the engine");

    /** A feature's {@code X.internal} package is used by {@code X} and its sub-packages only. */
    @ArchTest
    public static final ArchRule noClassOutsideAFeatureTouchesItsInternals = classes()
            .should(touchNoOtherFeaturesInternals());

    /** chunking-core is text in, chunks out, on the JDK alone. */
    @ArchTest
    public static final ArchRule coreDependsOnTheJdkAndCoreOnly = classes()
            .that().resideInAnyPackage(CORE)
            .should().onlyDependOnClassesThat().resideInAnyPackage(concat(JDK, CORE))
            .because("chunking-core has no third-party dependency and knows no module built on it");

    /** No core class sees the modules and adapters built on core (named, for a readable failure). */
    @ArchTest
    public static final ArchRule coreDependsOnNoModuleBuiltOnIt = noClasses()
            .that().resideInAnyPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage(NOT_CORE)
            .because("streaming, the tokenizers, the command line and the adapters depend on core, never the reverse");

    /** chunking-streaming reads bytes for core through core's exported API, never its engine. */
    @ArchTest
    public static final ArchRule streamingDependsOnTheJdkCoreApiAndItselfOnly = classes()
            .that().resideInAPackage(STREAMING)
            .should().onlyDependOnClassesThat().resideInAnyPackage(concat(JDK, concat(STREAMING, CORE_API)))
            .because("chunking-streaming is built on the packages chunking-core exports")
            .allowEmptyShould(true);

    /** Core and streaming are below the command line, the benchmarks and the tokenizers. */
    @ArchTest
    public static final ArchRule coreAndStreamingDependOnNoCommandLineBenchmarksOrTokenizers = noClasses()
            .that().resideInAnyPackage(concat(STREAMING, CORE))
            .should().dependOnClassesThat().resideInAnyPackage(TOP)
            .because("the command line, the benchmarks and the tokenizers are built on core and streaming");

    /** No two packages of the project depend on each other, however indirectly. */
    @ArchTest
    public static final ArchRule packagesAreFreeOfCycles = slices()
            .matching("dev.chunking.(**)")
            .should().beFreeOfCycles();

    private ArchitectureRules() {
    }

    /**
     * Imports main classes only: no test classes of a module ({@code target/test-classes}) and no
     * test-jar ({@code *-tests.jar}), such as chunking-core's shared test helpers.
     */
    public static final class MainClassesOnly implements ImportOption {

        private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar!/.*");

        /** Instantiated by ArchUnit through {@code @AnalyzeClasses(importOptions = ...)}. */
        public MainClassesOnly() {
        }

        @Override
        public boolean includes(Location location) {
            return Predefined.DO_NOT_INCLUDE_TESTS.includes(location) && !location.matches(TEST_JAR);
        }
    }

    /**
     * A class may depend on a project package {@code X.internal} (or below) only when it resides in
     * {@code X} or below; the internal package of {@code dev.chunking.strategy} is the engine of
     * the strategies, and nothing else's business.
     */
    private static ArchCondition<JavaClass> touchNoOtherFeaturesInternals() {
        return new ArchCondition<>("touch a project package X.internal only from X or below") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    String target = dependency.getTargetClass().getPackageName();
                    String feature = featureOfInternal(target);
                    if (feature != null && !within(origin.getPackageName(), feature)) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()
                                + " but " + target + " is internal to " + feature));
                    }
                }
            }
        };
    }

    /** The feature that owns a project package inside an {@code internal} segment, or null. */
    private static String featureOfInternal(String packageName) {
        if (!within(packageName, "dev.chunking")) {
            return null;
        }
        String[] parts = packageName.split("\\.", -1);
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].equals("internal")) {
                return String.join(".", Arrays.asList(parts).subList(0, i));
            }
        }
        return null;
    }

    private static boolean within(String packageName, String parent) {
        return packageName.equals(parent) || packageName.startsWith(parent + ".");
    }

    private static String[] concat(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}

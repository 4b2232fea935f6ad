package dev.chunking.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.application.StrategyRegistry;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.spi.ChunkSink;
import dev.chunking.spi.Chunker;
import dev.chunking.spi.ChunkingStrategy;
import dev.chunking.spi.ParameterDescriptor;
import dev.chunking.spi.TokenCounter;
import dev.chunking.strategy.CodePointCounter;
import dev.chunking.strategy.RecursiveStrategy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parameter options and their help come from the strategies' descriptors, and values are checked against them. */
class ParameterOptionsTest extends CommandTestSupport {
    /** A plugin that describes a decimal parameter, and one named like an option of the command. */
    private static final ChunkingStrategy DESCRIBED = new ChunkingStrategy() {
        @Override
        public String name() {
            return "described";
        }

        @Override
        public String description() {
            return "recursive, with two described parameters";
        }

        @Override
        public List<ParameterDescriptor> parameterDescriptors() {
            return List.of(ParameterDescriptor.decimal("ratio", "0.5", "0", "1", "share of the text kept"),
                    ParameterDescriptor.integer("size", 3, 1, 9, "a size of its own"));
        }

        @Override
        public Chunker open(DocumentId document, ChunkingOptions options, TokenCounter tokenCounter, ChunkSink sink) {
            return new RecursiveStrategy().open(document, options, tokenCounter, sink);
        }
    };

    private int run(String... args) {
        return new Main(new ByteArrayInputStream(new byte[0]), out, stderr(), () -> 0L, false).run(args);
    }

    private int runWithDescribed(String... args) {
        StrategyRegistry registry = StrategyRegistry.of(List.of(new RecursiveStrategy(), DESCRIBED), List.of(new CodePointCounter()));
        return new Main(new ByteArrayInputStream(new byte[0]), out, stderr(), () -> 0L, false, () -> registry).run(args);
    }

    /**
     * The parameter options of a help text: the strategies of each heading → the entries under
     * it, each entry's lines joined with single spaces.
     */
    private static Map<String, List<String>> entries(String help) {
        String section = help.substring(help.indexOf("Strategy parameters"), help.indexOf("\n any strategy (plugins):"));
        Map<String, List<String>> entries = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : section.lines().skip(1).toList()) {
            if (line.matches(" \\S.*:")) {
                current = entries.computeIfAbsent(line.substring(1, line.length() - 1), h -> new ArrayList<>());
            } else if (line.startsWith("  --")) {
                current.add(line.strip().replaceAll(" +", " "));
            } else {
                current.set(current.size() - 1, current.get(current.size() - 1) + " " + line.strip());
            }
        }
        return entries;
    }

    @Test
    void helpListsEveryParameterOfEveryStrategyWithTheDefaultAndRangeOfItsDescriptor() {
        assertThat(run("--help")).isZero();
        Map<String, List<String>> entries = entries(out());
        int listed = 0;
        for (ChunkingStrategy strategy : StrategyRegistry.load().strategies()) {
            for (ParameterDescriptor d : strategy.parameterDescriptors()) {
                String defaultText = d.defaultValue().isEmpty() ? "no default" : "default " + d.defaultValue();
                String rangeText = switch (d.type()) {
                    case INTEGER, DECIMAL -> d.range() + "; ";
                    case INTEGER_LIST -> "each " + d.range() + "; ";
                    case CHOICE, PLUGIN, TEXT -> "";
                };
                assertThat(entries).as(strategy.name() + " " + d.name()).anySatisfy((heading, options) -> {
                    assertThat(List.of(heading.split(", "))).contains(strategy.name());
                    assertThat(options).anySatisfy(option -> assertThat(option).startsWith("--" + d.name() + " ")
                            .contains(d.help()).endsWith("(" + rangeText + defaultText + ")"));
                });
                listed++;
            }
        }
        assertThat(listed).as("parameters of the built-in strategies").isEqualTo(12);
        assertThat(entries).containsEntry("character", List.of("--ends paragraph|max where a chunk ends: at the latest paragraph"
                + " break past the min size (one before a heading first), else at the max size; or always at the max size (a fixed"
                + " window) (default paragraph)"));
        assertThat(entries).containsEntry("hierarchical", List.of("--levels LIST chunk sizes, coarse to fine: comma-separated,"
                + " strictly decreasing, at most 5 (each 1..16777216; default 2048,512,128)"));
        assertThat(out().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(110));
    }

    @Test
    void helpListsAPluginsDescribedParametersAndSetsOneNamedLikeAnOptionWithParam() {
        assertThat(runWithDescribed("--help")).isZero();
        assertThat(entries(out())).containsExactly(Map.entry("described", List.of(
                "--ratio X share of the text kept (0..1; default 0.5)", "--param size=N a size of its own (1..9; default 3)")));
    }

    @Test
    void aValueOutsideTheRangeOfItsDescriptorIsRefusedNamingTheRangeAndTheOption() throws IOException {
        Path f = file("in.txt", "hello");
        assertThat(run("--strategy", "semantic", "--threshold", "100", f.toString())).isEqualTo(2);
        assertThat(run("--strategy", "hybrid", "--embedder", "lexical", "--window", "7", f.toString())).isEqualTo(2);
        assertThat(run("--strategy", "hierarchical", "--levels", "40000000,10", f.toString())).isEqualTo(2);
        assertThat(run("compare", "--strategies", "recursive,semantic", "--batch-size", "0", f.toString())).isEqualTo(2);
        assertThat(runWithDescribed("--strategy", "described", "--ratio", "1.5", f.toString())).isEqualTo(2);
        assertThat(runWithDescribed("--strategy", "described", "--param", "size=10", f.toString())).isEqualTo(2);
        assertThat(err().lines()).containsExactly(
                "chunk: parameter threshold is '100'; give a whole number from 1 to 99 (--threshold, default 95)",
                "chunk: parameter window is '7'; give a whole number from 8 to 65536 (--window, default 64)",
                "chunk: parameter levels is '40000000,10'; give comma-separated whole numbers, each from 1 to 16777216"
                        + " (--levels, default 2048,512,128)",
                "chunk: parameter batch-size is '0'; give a whole number from 1 to 4096 (--batch-size, default 32)",
                "chunk: parameter ratio is '1.5'; give a number from 0 to 1 (--ratio, default 0.5)",
                "chunk: parameter size is '10'; give a whole number from 1 to 9 (--size, default 3)");
        assertThat(out()).isEmpty();
    }

    @Test
    void everyIntegerParameterRefusesOneBeyondEachEndOfItsRange() throws IOException {
        Path f = file("in.txt", "hello");
        for (ChunkingStrategy strategy : StrategyRegistry.load().strategies()) {
            for (ParameterDescriptor d : strategy.parameterDescriptors()) {
                if (d.type() != ParameterDescriptor.Type.INTEGER) {
                    continue;
                }
                String[] bounds = d.range().split("\\.\\.");
                for (long bad : new long[] {Long.parseLong(bounds[0]) - 1, Long.parseLong(bounds[1]) + 1}) {
                    err.reset();
                    assertThat(run("--strategy", strategy.name(), "--embedder", "lexical", "--" + d.name(), Long.toString(bad),
                            f.toString())).as(strategy.name() + " --" + d.name() + " " + bad).isEqualTo(2);
                    assertThat(err()).isEqualTo("chunk: parameter " + d.name() + " is '" + bad + "'; give a whole number from "
                            + bounds[0] + " to " + bounds[1] + " (--" + d.name() + ", default " + d.defaultValue() + ")\n");
                }
            }
        }
    }

    @Test
    void aPluginsDecimalOptionChecksTheFormOfItsValueAndReachesTheStrategy() throws IOException {
        Path f = file("in.txt", "hello");
        assertThat(runWithDescribed("--strategy", "described", "--ratio", "half", f.toString())).isEqualTo(2);
        assertThat(err()).isEqualTo("chunk: --ratio half is not a number; give e.g. --ratio 0.5\n");
        err.reset();
        assertThat(runWithDescribed("--strategy", "described", "--ratio", "0.25", "--format", "offsets", f.toString())).isZero();
        assertThat(out()).isEqualTo("0\t0\t5\t0\t5\t5\n");
        assertThat(err()).isEmpty();
    }
}

package dev.chunking.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.application.StrategyRegistry;
import dev.chunking.domain.InvalidOptionsException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parameter options, from the command line to {@code ChunkingOptions.parameters()}. */
class StrategyParametersTest {
    private static Map<String, String> parameters(String... args) {
        String[] withFile = Arrays.copyOf(args, args.length + 1);
        withFile[args.length] = "in.txt";
        return Arguments.parse(withFile).options().parameters();
    }

    private static String refusal(String... args) {
        String[] withFile = Arrays.copyOf(args, args.length + 1);
        withFile[args.length] = "in.txt";
        try {
            Arguments.parse(withFile);
        } catch (UsageException | InvalidOptionsException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted " + String.join(" ", args));
    }

    @Test
    void withoutParameterOptionsTheOptionsCarryNoParameters() {
        assertThat(parameters("--strategy", "recursive", "--size", "500")).isEmpty();
    }

    @Test
    void levelsSetsTheLevelsParameterAsGiven() {
        assertThat(parameters("--levels", "2048,512,128")).containsExactly(Map.entry("levels", "2048,512,128"));
        assertThat(parameters("--levels", "300")).containsExactly(Map.entry("levels", "300"));
    }

    @Test
    void thresholdSetsTheThresholdParameter() {
        assertThat(parameters("--threshold", "90")).containsExactly(Map.entry("threshold", "90"));
    }

    @Test
    void embedderSetsTheEmbedderParameter() {
        assertThat(parameters("--embedder", "lexical")).containsExactly(Map.entry("embedder", "lexical"));
    }

    @Test
    void batchSizeSetsTheBatchSizeParameter() {
        assertThat(parameters("--batch-size", "16")).containsExactly(Map.entry("batch-size", "16"));
    }

    @Test
    void windowSetsTheWindowParameter() {
        assertThat(parameters("--window", "128")).containsExactly(Map.entry("window", "128"));
    }

    @Test
    void frontMatterSetsTheFrontMatterParameterToChunkOrSkip() {
        assertThat(parameters("--front-matter", "skip")).containsExactly(Map.entry("front-matter", "skip"));
        assertThat(parameters("--front-matter", "chunk")).containsExactly(Map.entry("front-matter", "chunk"));
    }

    @Test
    void allParameterOptionsTogetherEndUpSortedByName() {
        assertThat(parameters("--window", "32", "--threshold", "80", "--embedder", "lexical", "--batch-size", "8",
                "--front-matter", "skip", "--levels", "1000,100"))
                .containsExactly(Map.entry("batch-size", "8"), Map.entry("embedder", "lexical"), Map.entry("front-matter", "skip"),
                        Map.entry("levels", "1000,100"), Map.entry("threshold", "80"), Map.entry("window", "32"));
    }

    @Test
    void repeatedParamOptionsSetOneParameterEachAndKeepEverythingAfterTheFirstEqualsSign() {
        assertThat(parameters("--param", "a=b", "--param", "c=d=e", "--param", "empty=", "--param", "x-1=\u00e9 \"q\""))
                .containsExactly(Map.entry("a", "b"), Map.entry("c", "d=e"), Map.entry("empty", ""), Map.entry("x-1", "\u00e9 \"q\""));
    }

    @Test
    void aParameterGivenTwiceKeepsTheLastValueWhicheverOptionGaveIt() {
        assertThat(parameters("--param", "a=1", "--param", "a=2")).containsExactly(Map.entry("a", "2"));
        assertThat(parameters("--levels", "100,10", "--param", "levels=50,5")).containsExactly(Map.entry("levels", "50,5"));
        assertThat(parameters("--param", "threshold=50", "--threshold", "70")).containsExactly(Map.entry("threshold", "70"));
    }

    @Test
    void numberOptionsRefuseWhatIsNotAWholeNumberWithTheSharedMessage() {
        assertThat(refusal("--threshold", "abc")).isEqualTo("--threshold abc is not a whole number; give e.g. --threshold 95");
        assertThat(refusal("--window", "1.5")).isEqualTo("--window 1.5 is not a whole number; give e.g. --window 64");
        assertThat(refusal("--batch-size", "99999999999"))
                .isEqualTo("--batch-size 99999999999 is not a whole number; give e.g. --batch-size 32");
    }

    @Test
    void numbersOutOfTheStrategysRangeAreLeftForTheStrategyToRefuse() {
        assertThat(parameters("--threshold", "0", "--window", "-3", "--levels", "128,512"))
                .containsEntry("threshold", "0").containsEntry("window", "-3").containsEntry("levels", "128,512");
    }

    @Test
    void levelsRefusesAnythingButCommaSeparatedWholeNumbers() {
        for (String bad : new String[] {"", "2048,,128", "2048,", "2048, 512", "big", "-5", "2048;512", "1234567890"}) {
            assertThat(refusal("--levels", bad)).isEqualTo("--levels " + bad + " is not a comma-separated list of whole numbers;"
                    + " give e.g. --levels 2048,512,128");
        }
    }

    @Test
    void frontMatterRefusesValuesOtherThanChunkOrSkip() {
        assertThat(refusal("--front-matter", "keep")).isEqualTo("--front-matter keep is not known; use chunk or skip");
    }

    @Test
    void embedderRefusesAnEmptyName() {
        assertThat(refusal("--embedder", " ")).isEqualTo("--embedder needs a name, not an empty value; give e.g. --embedder lexical");
    }

    @Test
    void paramRefusesAValueWithoutEqualsSignOrWithAnEmptyName() {
        assertThat(refusal("--param", "levels")).isEqualTo("--param levels is not NAME=VALUE; give e.g. --param levels=2048,512");
        assertThat(refusal("--param", "=512")).isEqualTo("--param =512 has an empty name; give e.g. --param levels=2048,512");
        assertThat(refusal("--param", "Levels=512")).isEqualTo("parameter name 'Levels' is not lower-case letters, digits and '-'"
                + " (at most 64, starting with a letter)");
    }

    @Test
    void everyParameterOptionNeedsAValue() {
        for (String option : new String[] {"--levels", "--threshold", "--embedder", "--batch-size", "--window", "--front-matter",
                "--param"}) {
            assertThatThrownBy(() -> Arguments.parse("in.txt", option)).isInstanceOf(UsageException.class)
                    .hasMessage(option + " needs a value; see chunk --help");
        }
    }

    @Test
    void commandLineNamesDedicatedOptionsAndParamForTheRestOnOneLine() {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("levels", "2048,512");
        given.put("x", "a\nb");
        given.put("front-matter", "skip");
        StrategyParameters options = Arguments.parameterOptions(StrategyRegistry.load().strategies());
        assertThat(options.commandLine(given)).isEqualTo("--levels 2048,512 --param x=a?b --front-matter skip");
        assertThat(options.commandLine(Map.of())).isEqualTo("no parameter options");
    }

    @Test
    void usageListsEveryParameterOptionUnderTheStrategiesThatReadIt() {
        String usage = Arguments.usage(StrategyRegistry.load().strategies());
        assertThat(usage)
                .contains("--strategy NAME        strategy to use: character, recursive (default), markdown, semantic, hierarchical,")
                .contains(" hybrid, markdown:\n  --front-matter chunk|skip")
                .contains(" semantic:\n  --embedder NAME", " hybrid:\n  --embedder NAME")
                .contains(" hybrid, semantic:\n  --threshold N", "  --window N", "  --batch-size N")
                .contains(" hierarchical:\n  --levels LIST")
                .contains(" any strategy (plugins):\n  --param NAME=VALUE");
        assertThat(usage.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(110));
    }
}

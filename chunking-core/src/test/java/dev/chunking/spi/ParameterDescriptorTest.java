package dev.chunking.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.domain.InvariantViolationException;
import dev.chunking.spi.ParameterDescriptor.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A strategy parameter described once: its checks and their messages. */
class ParameterDescriptorTest {
    private static final ParameterDescriptor THRESHOLD = ParameterDescriptor.integer("threshold", 95, 1, 99, "percentile");
    private static final ParameterDescriptor RATIO = ParameterDescriptor.decimal("ratio", "0.5", "0", "1", "share kept");
    private static final ParameterDescriptor LEVELS = ParameterDescriptor.integerList("levels", "2048,512", 1, 4096, "sizes");
    private static final ParameterDescriptor MODE = ParameterDescriptor.choice("mode", "fast", "how", "fast", "exact", "both");
    private static final ParameterDescriptor EMBEDDER = ParameterDescriptor.plugin("embedder", "", "embedder to use");
    private static final ParameterDescriptor PATTERN = ParameterDescriptor.text("pattern", "", "a regular expression");

    @Test
    void factoriesWriteTheRangeInTheFormOfTheirType() {
        assertThat(THRESHOLD).isEqualTo(new ParameterDescriptor("threshold", Type.INTEGER, "95", "1..99", "percentile"));
        assertThat(RATIO.range()).isEqualTo("0..1");
        assertThat(LEVELS.range()).isEqualTo("1..4096");
        assertThat(MODE.range()).isEqualTo("fast|exact|both");
        assertThat(MODE.choices()).containsExactly("fast", "exact", "both");
        assertThat(THRESHOLD.choices()).isEmpty();
        assertThat(EMBEDDER.range()).isEmpty();
        assertThat(PATTERN.type()).isEqualTo(Type.TEXT);
    }

    @Test
    void acceptsEveryValueWithinTheRange() {
        for (String ok : new String[] {"1", "99", "50", " 7 "}) {
            assertThat(THRESHOLD.check(ok)).isEqualTo(ok);
        }
        for (String ok : new String[] {"0", "1", "0.25", "1.0", ".5", "5e-1"}) {
            assertThat(RATIO.check(ok)).isEqualTo(ok);
        }
        assertThat(LEVELS.check("4096,1")).isEqualTo("4096,1");
        assertThat(MODE.check("both")).isEqualTo("both");
        assertThat(EMBEDDER.check("lexical")).isEqualTo("lexical");
        assertThat(PATTERN.check("")).isEmpty();
    }

    @Test
    void refusesAValueNamingTheParameterTheValueTheRangeTheOptionAndTheDefault() {
        assertThatThrownBy(() -> THRESHOLD.check("100")).isInstanceOf(InvalidOptionsException.class)
                .hasMessage("parameter threshold is '100'; give a whole number from 1 to 99 (--threshold, default 95)");
        assertThatThrownBy(() -> THRESHOLD.check("12345678901234")).hasMessageContaining("give a whole number from 1 to 99");
        assertThatThrownBy(() -> THRESHOLD.check("9.5")).hasMessageContaining("give a whole number from 1 to 99");
        assertThatThrownBy(() -> RATIO.check("1.5")).hasMessage("parameter ratio is '1.5'; give a number from 0 to 1 (--ratio, default 0.5)");
        assertThatThrownBy(() -> RATIO.check("NaN")).hasMessageContaining("give a number from 0 to 1");
        assertThatThrownBy(() -> LEVELS.check("2048,x")).hasMessage("parameter levels is '2048,x'; give comma-separated whole numbers,"
                + " each from 1 to 4096 (--levels, default 2048,512)");
        assertThatThrownBy(() -> LEVELS.check("8192")).hasMessageContaining("each from 1 to 4096");
        assertThatThrownBy(() -> MODE.check("slow")).hasMessage("parameter mode is 'slow'; use fast, exact or both (--mode, default fast)");
        assertThatThrownBy(() -> EMBEDDER.check(" ")).hasMessage("parameter embedder is ' '; give the name of a plugin (--embedder)");
        assertThatThrownBy(() -> THRESHOLD.check("1\n2")).hasMessageStartingWith("parameter threshold is '1?2';");
    }

    @Test
    void readsTheValueGivenCheckedOrElseTheDefault() {
        ChunkingOptions none = ChunkingOptions.defaults();
        ChunkingOptions given = ChunkingOptions.builder().parameter("threshold", "90").parameter("mode", "exact").build();
        assertThat(THRESHOLD.intValue(none)).isEqualTo(95);
        assertThat(THRESHOLD.intValue(given)).isEqualTo(90);
        assertThat(MODE.value(none)).isEqualTo("fast");
        assertThat(MODE.value(given)).isEqualTo("exact");
        assertThat(EMBEDDER.value(none)).as("no default").isEmpty();
        ChunkingOptions bad = ChunkingOptions.builder().parameter("threshold", "0").build();
        assertThatThrownBy(() -> THRESHOLD.intValue(bad)).hasMessageContaining("from 1 to 99");
        assertThatThrownBy(() -> MODE.intValue(none)).isInstanceOf(InvariantViolationException.class);
    }

    @Test
    void refusesADescriptionThatDoesNotHoldTogether() {
        List<Runnable> broken = List.of(
                () -> ParameterDescriptor.integer("Threshold", 95, 1, 99, "bad name"),
                () -> ParameterDescriptor.integer("threshold", 100, 1, 99, "default out of range"),
                () -> ParameterDescriptor.integer("threshold", 5, 9, 1, "empty range"),
                () -> ParameterDescriptor.choice("mode", "slow", "default not a choice", "fast", "exact"),
                () -> ParameterDescriptor.choice("mode", "a", "repeated choice", "a", "a"),
                () -> ParameterDescriptor.choice("mode", "a", "blank choice", "a", " "),
                () -> ParameterDescriptor.decimal("ratio", "0.5", "one", "2", "bad bound"),
                () -> ParameterDescriptor.text("pattern", "", "two\nlines"),
                () -> ParameterDescriptor.text("pattern", "", " "),
                () -> new ParameterDescriptor("x", Type.TEXT, "", "1..2", "range on text"),
                () -> new ParameterDescriptor("x", Type.INTEGER, "", "1-2", "range without .."),
                () -> new ParameterDescriptor("x", null, "", "", "no type"),
                () -> new ParameterDescriptor("x", Type.TEXT, null, "", "no default"));
        for (Runnable description : broken) {
            assertThatThrownBy(description::run).isInstanceOf(InvalidOptionsException.class).hasMessageContaining("parameter");
        }
    }
}

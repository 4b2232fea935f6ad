package dev.chunking.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChunkingOptionsTest {

    @Test
    void defaultsAreAThousandCodePointsWithTwoHundredOverlapAndMinSizeTwoHundredFifty() {
        ChunkingOptions d = ChunkingOptions.defaults();
        assertThat(d.maxSize()).isEqualTo(1000);
        assertThat(d.overlap()).isEqualTo(200);
        assertThat(d.minSize()).isEqualTo(250);
        assertThat(d.unit()).isEqualTo(SizeUnit.CHARS);
        assertThat(d.tokenCounter()).isEqualTo("codepoints");
        assertThat(ChunkingOptions.builder().build()).isEqualTo(d);
    }

    @Test
    void theMinSizeIsAQuarterOfTheMaxSizeUnlessSetAndZeroKeepsEveryPiece() {
        assertThat(ChunkingOptions.builder().maxSize(100).build().minSize()).isEqualTo(25);
        assertThat(ChunkingOptions.builder().maxSize(3).build().minSize()).isZero();
        assertThat(ChunkingOptions.builder().maxSize(100).minSize(0).build().minSize()).isZero();
        assertThat(ChunkingOptions.builder().maxSize(100).minSize(60).build().toBuilder().maxSize(200).build().minSize())
                .as("toBuilder keeps a set min size").isEqualTo(60);
        assertThat(ChunkingOptions.defaultMinSize(2048)).isEqualTo(512);
    }

    @Test
    void builderSetsEveryFieldAndToBuilderRoundTrips() {
        ChunkingOptions o = ChunkingOptions.builder().maxSize(50).overlap(5).minSize(10).unit(SizeUnit.TOKENS)
                .tokenCounter("words").build();
        assertThat(o).isEqualTo(new ChunkingOptions(50, 5, 10, SizeUnit.TOKENS, "words", MalformedInputPolicy.REPORT));
        assertThat(o.toBuilder().build()).isEqualTo(o);
    }

    @Test
    void refusesAnOverlapNotBelowTheMaxSizeNamingBothAndTheSetting() {
        assertThatThrownBy(() -> ChunkingOptions.builder().maxSize(1000).overlap(1200).build())
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessage("overlap 1200 >= max size 1000; set overlap (--overlap) below the max size (--size)");
        assertThatThrownBy(() -> ChunkingOptions.builder().maxSize(10).overlap(10).build())
                .hasMessageContaining("overlap 10 >= max size 10");
    }

    @Test
    void refusesOutOfRangeSizesWithTheLimitInTheMessage() {
        assertThatThrownBy(() -> ChunkingOptions.builder().maxSize(0).overlap(0).build())
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessage("max size 0 is outside 1..16777216; set maxSize (--size) within that range");
        assertThatThrownBy(() -> ChunkingOptions.builder().overlap(-1).build())
                .hasMessage("overlap -1 is negative; set overlap (--overlap) to 0 or more");
        assertThatThrownBy(() -> ChunkingOptions.builder().maxSize(10).overlap(0).minSize(11).build())
                .hasMessage("min size 11 is outside 0..max size 10; set minSize within that range");
        assertThatThrownBy(() -> ChunkingOptions.builder().unit(null).build())
                .isInstanceOf(InvalidOptionsException.class).hasMessageContaining("unit, tokenCounter and malformedInput must be set");
    }

    @Test
    void parsesUnitLabelsAndRefusesUnknownOnes() {
        assertThat(SizeUnit.parse("TOKENS")).isEqualTo(SizeUnit.TOKENS);
        assertThat(SizeUnit.CHARS.label()).isEqualTo("chars");
        assertThatThrownBy(() -> SizeUnit.parse("bytes")).isInstanceOf(InvalidOptionsException.class)
                .hasMessage("unit 'bytes' is not known; use chars or tokens");
    }

    @Test
    void derivesTheDefaultOverlapFromTheMaxSizeSoAnySizeBuildsWithoutSettingOne() {
        assertThat(ChunkingOptions.builder().maxSize(100).build().overlap()).isEqualTo(20);
        assertThat(ChunkingOptions.builder().maxSize(1).build().overlap()).isZero();
        assertThat(ChunkingOptions.builder().build()).isEqualTo(ChunkingOptions.defaults());
        assertThat(ChunkingOptions.defaults().overlap()).isEqualTo(ChunkingOptions.defaultOverlap(ChunkingOptions.DEFAULT_MAX_SIZE));
        assertThat(ChunkingOptions.builder().maxSize(100).overlap(0).build().overlap()).isZero(); // a set overlap is kept
    }

    @Test
    void saysSoWhenTheMaxSizeThatAnOverlapOrMinSizePassesIsTheDefault() {
        assertThatThrownBy(() -> ChunkingOptions.builder().overlap(1500).build()).isInstanceOf(InvalidOptionsException.class)
                .hasMessage("overlap 1500 >= max size 1000 (the default max size; none was set); set maxSize (--size) above it,"
                        + " or a smaller value");
        assertThatThrownBy(() -> ChunkingOptions.builder().minSize(1001).build())
                .hasMessage("min size 1001 > max size 1000 (the default max size; none was set); set maxSize (--size) above it,"
                        + " or a smaller value");
    }

    @Test
    void refusesUnitTokensWithoutAChosenCounterNamingTheOptionsAndTheArtifact() {
        assertThatThrownBy(() -> ChunkingOptions.builder().unit(SizeUnit.TOKENS).build()).isInstanceOf(InvalidOptionsException.class)
                .hasMessage("unit tokens needs a token counter, and none was set: the default 'codepoints' counts code points,"
                        + " which would be labelled tokens; set tokenCounter (--encoding or --token-counter), e.g. cl100k_base or"
                        + " o200k_base from the chunking-tokenizers artifact, or tokenCounter(\"codepoints\") to count code points"
                        + " on purpose");
        assertThat(ChunkingOptions.builder().unit(SizeUnit.TOKENS).tokenCounter("codepoints").build().tokenCounter())
                .isEqualTo("codepoints");
    }
}

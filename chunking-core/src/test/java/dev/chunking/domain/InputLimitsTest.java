package dev.chunking.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The input limits as values: defaults, validation, withers, how options carry them and how metadata is measured. */
class InputLimitsTest {

    @Test
    void defaultsAreOneTebibytePerDocumentAHundredMillionChunksAndSixtyFourKibibytesOfMetadataPerChunk() {
        assertThat(InputLimits.defaults()).isEqualTo(new InputLimits(1L << 40, 100_000_000L, 65_536L));
        assertThat(InputLimits.unlimited()).isEqualTo(new InputLimits(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE));
    }

    @Test
    void refusesANegativeLimitNamingTheSettingAndTheCommandLineOption() {
        assertThatThrownBy(() -> InputLimits.defaults().withMaxDocumentBytes(-1)).isInstanceOf(InvalidOptionsException.class)
                .hasMessage("input limit maxDocumentBytes -1 is negative; set InputLimits.maxDocumentBytes (--max-bytes) to 0 or more");
        assertThatThrownBy(() -> InputLimits.defaults().withMaxChunks(-2)).isInstanceOf(InvalidOptionsException.class)
                .hasMessage("input limit maxChunks -2 is negative; set InputLimits.maxChunks (--max-chunks) to 0 or more");
        assertThatThrownBy(() -> InputLimits.defaults().withMaxMetadataBytes(Long.MIN_VALUE))
                .isInstanceOf(InvalidOptionsException.class).hasMessage("input limit maxMetadataBytes " + Long.MIN_VALUE
                        + " is negative; set InputLimits.maxMetadataBytes (--max-metadata-bytes) to 0 or more");
    }

    @Test
    void eachWitherChangesOnlyItsOwnLimit() {
        InputLimits limits = new InputLimits(1, 2, 3);
        assertThat(limits.withMaxDocumentBytes(0)).isEqualTo(new InputLimits(0, 2, 3));
        assertThat(limits.withMaxChunks(0)).isEqualTo(new InputLimits(1, 0, 3));
        assertThat(limits.withMaxMetadataBytes(0)).isEqualTo(new InputLimits(1, 2, 0));
    }

    @Test
    void optionsCarryTheDefaultLimitsUnlessGivenOthersAndTheOlderConstructorsStillWork() {
        InputLimits small = new InputLimits(10, 20, 30);
        assertThat(ChunkingOptions.defaults().limits()).isEqualTo(InputLimits.defaults());
        assertThat(new ChunkingOptions(50, 5, 0, SizeUnit.CHARS, "codepoints", MalformedInputPolicy.REPORT).limits())
                .isEqualTo(InputLimits.defaults());
        assertThat(new ChunkingOptions(50, 5, 0, SizeUnit.CHARS, "codepoints", MalformedInputPolicy.REPORT, Map.of()).limits())
                .isEqualTo(InputLimits.defaults());
        ChunkingOptions options = ChunkingOptions.builder().maxSize(50).overlap(5).limits(small).build();
        assertThat(options.limits()).isEqualTo(small);
        assertThat(options.toBuilder().build()).isEqualTo(options);
        assertThat(options.withLimits(InputLimits.defaults())).isEqualTo(ChunkingOptions.builder().maxSize(50).overlap(5).build());
        assertThatThrownBy(() -> ChunkingOptions.builder().limits(null).build()).isInstanceOf(InvalidOptionsException.class)
                .hasMessage("parameters and limits must not be null; use Map.of() and InputLimits.defaults()");
    }

    @Test
    void metadataSizeCountsHeadingsIdParentAndAttributeNamesAndValuesInUtf8() {
        ChunkMetadata metadata = new ChunkMetadata(List.of("\u00e9", "\u6f22"), 1, Optional.of("id"), Optional.of("p\ud83d\ude00"),
                Map.of("k", "v", "table", "| a |"));
        assertThat(metadata.byteSize()).isEqualTo(2 + 3 + 2 + 5 + 1 + 1 + 5 + 5);
        assertThat(ChunkMetadata.NONE.byteSize()).isZero();
    }

    @Test
    void encodedLengthAgreesWithTheJdkEncoderAndCountsEachHalfOfACutSurrogatePairAsTwoBytes() {
        String text = "a\u00e9\u6f22\ud83d\ude00\u0000\uffff";
        assertThat(Utf8Text.encodedLength(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length).isEqualTo(14);
        assertThat(Utf8Text.encodedLength("\ud83d") + Utf8Text.encodedLength("\ude00")).isEqualTo(4);
        assertThat(Utf8Text.encodedLength("")).isZero();
    }
}

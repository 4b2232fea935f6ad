package dev.chunking.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.application.Chunking;
import dev.chunking.application.StrategyRegistry;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.DocumentId;
import dev.chunking.spi.ChunkingStrategy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated corpus: the same bytes for a seed, well-formed UTF-8 of the size asked, and text every strategy can work on. */
class SyntheticCorpusTest {
    private static final int SIZE = 300_000;

    @TempDir
    Path dir;

    /** Decodes strictly: malformed input or an unpaired surrogate fails. */
    private static String strictUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }

    private static Set<Character.UnicodeScript> scripts(String text) {
        return text.codePoints().mapToObj(Character.UnicodeScript::of).collect(Collectors.toSet());
    }

    @Test
    void givesTheSameBytesForTheSameSeedAndOtherBytesForAnother() {
        assertThat(SyntheticCorpus.english(13, SIZE)).isEqualTo(SyntheticCorpus.english(13, SIZE))
                .isNotEqualTo(SyntheticCorpus.english(14, SIZE));
        assertThat(SyntheticCorpus.multilingual(13, SIZE)).isEqualTo(SyntheticCorpus.multilingual(13, SIZE))
                .isNotEqualTo(SyntheticCorpus.multilingual(14, SIZE));
        byte[] longer = SyntheticCorpus.english(13, SIZE + 100_000);
        byte[] shorter = SyntheticCorpus.english(13, SIZE);
        assertThat(Arrays.copyOf(longer, shorter.length)).as("a smaller size is a prefix").isEqualTo(shorter);
    }

    @Test
    void writesWholeLinesOfWellFormedUtf8UpToTheSizeAsked() throws CharacterCodingException {
        for (int size : new int[] {1_000, 65_536, SIZE, 1_500_000}) {
            for (byte[] text : List.of(SyntheticCorpus.english(7, size), SyntheticCorpus.multilingual(7, size))) {
                assertThat(text.length).as("size for %d", size).isLessThanOrEqualTo(size).isGreaterThan(size - 4096);
                assertThat(text[text.length - 1]).isEqualTo((byte) '\n');
                assertThat(strictUtf8(text)).isNotBlank();
            }
        }
    }

    @Test
    void mixesTheStructureAndScriptsTheStrategiesAreMeantFor() throws CharacterCodingException {
        String english = strictUtf8(SyntheticCorpus.english(13, SIZE));
        assertThat(english).contains("\n# ", "\n## ", "\n### ", "\n```sh\n", "\n```java\n", "\n|---|--:|---|\n", "\n> ", "\n- ", "e.g. ",
                "Dr. ", "\n===", "\n---");
        assertThat(english.lines().filter(line -> line.length() > 200).count()).as("unwrapped paragraphs").isPositive();
        assertThat(scripts(english)).containsOnly(Character.UnicodeScript.LATIN, Character.UnicodeScript.COMMON);

        String multilingual = strictUtf8(SyntheticCorpus.multilingual(13, SIZE));
        assertThat(scripts(multilingual)).contains(Character.UnicodeScript.HAN, Character.UnicodeScript.HIRAGANA,
                Character.UnicodeScript.KATAKANA, Character.UnicodeScript.HANGUL, Character.UnicodeScript.THAI,
                Character.UnicodeScript.CYRILLIC, Character.UnicodeScript.GREEK, Character.UnicodeScript.ARABIC,
                Character.UnicodeScript.HEBREW, Character.UnicodeScript.DEVANAGARI, Character.UnicodeScript.LATIN);
        assertThat(multilingual).contains("\u200d", "\ud83c\udffd", "\u20e3", "\u0301", "\u3002", "\u0964", "\n# ", "\n## ", "\n```js\n")
                .contains("\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67\u200d\ud83d\udc66");
    }

    @Test
    void givesEveryRegisteredStrategyManyChunks() throws CharacterCodingException {
        String english = strictUtf8(SyntheticCorpus.english(13, 120_000));
        String multilingual = strictUtf8(SyntheticCorpus.multilingual(13, 120_000));
        for (ChunkingStrategy strategy : StrategyRegistry.load().strategies()) {
            Chunking chunking = ChunkingBenchmark.structured(strategy.name());
            for (String text : List.of(english, multilingual)) {
                List<Chunk> chunks = chunking.chunk(DocumentId.of("synthetic"), text);
                assertThat(chunks).as(strategy.name()).hasSizeGreaterThan(50);
            }
        }
    }

    @Test
    void writesBothFilesOnceAndReadsBackWhatWasGenerated() throws IOException {
        Path corpus = dir.resolve("generated");
        int size = 100_000;
        assertThat(SyntheticCorpus.write(corpus, 13, size)).isTrue();
        assertThat(BenchmarkInputs.load(corpus.toString(), SyntheticCorpus.ENGLISH)).isEqualTo(SyntheticCorpus.english(13, size));
        assertThat(BenchmarkInputs.load(corpus.toString(), SyntheticCorpus.MULTILINGUAL)).isEqualTo(SyntheticCorpus.multilingual(13, size));
        Files.setLastModifiedTime(corpus.resolve(SyntheticCorpus.ENGLISH), FileTime.fromMillis(0));

        assertThat(SyntheticCorpus.write(corpus, 13, size)).as("the stamp matches: nothing to write").isFalse();
        assertThat(Files.getLastModifiedTime(corpus.resolve(SyntheticCorpus.ENGLISH))).isEqualTo(FileTime.fromMillis(0));
        assertThat(SyntheticCorpus.write(corpus, 14, size)).as("another seed is written again").isTrue();
        try (var files = Files.list(corpus)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder(SyntheticCorpus.ENGLISH, SyntheticCorpus.MULTILINGUAL, SyntheticCorpus.STAMP);
        }
    }

    @Test
    void usesTheDefaultCorpusWhenPresentAndOtherwiseGeneratesOneSayingSo() throws IOException {
        Path shared = dir.resolve("shared");
        Path generated = dir.resolve("generated");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);

        int size = 20_000;
        assertThat(BenchmarkInputs.corpusDir(dir.resolve("elsewhere").toString(), shared, generated, size, out))
                .as("a directory asked for is used as given").isEqualTo(dir.resolve("elsewhere"));
        assertThat(BenchmarkInputs.corpusDir("", shared, generated, size, out)).isEqualTo(generated);
        assertThat(BenchmarkInputs.corpusDir(BenchmarkInputs.DEFAULT_CORPUS_DIR, shared, generated, size, out)).isEqualTo(generated);
        assertThat(generated.resolve(SyntheticCorpus.ENGLISH)).isRegularFile();
        assertThat(log.toString(StandardCharsets.UTF_8).lines()).hasSize(2)
                .allMatch(line -> line.startsWith("corpus: " + shared + " is absent") && line.endsWith(generated.toString()))
                .anyMatch(line -> line.contains("generated in")).anyMatch(line -> line.contains("generated earlier in"));

        Files.createDirectories(shared);
        assertThat(BenchmarkInputs.corpusDir(null, shared, generated, size, out)).isEqualTo(shared);
        assertThat(log.toString(StandardCharsets.UTF_8).lines()).hasSize(2);
    }
}

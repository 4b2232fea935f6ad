package dev.chunking.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.MalformedInputException;
import dev.chunking.domain.SizeUnit;
import dev.chunking.spi.Chunker;
import dev.chunking.spi.ChunkingStrategy;
import dev.chunking.spi.TokenCounter;
import dev.chunking.strategy.CodePointCounter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ChunkingStrategy} promises (DESIGN.md, promises 1 to 4), checked over
 * generated hostile text: each chunk's text is exactly its slice of the document in both offset
 * units (code points and UTF-8 bytes), its size is within the maximum, the chunks come in order
 * with indexes from 0, cover the document without gaps and cut grapheme clusters only when one is
 * longer than the maximum ({@link Promises#assertKept}); the chunks do not depend on how the input
 * is fed (random byte pieces that cut UTF-8 sequences, random char pieces that cut surrogate
 * pairs); malformed UTF-8 and lone surrogates are reported as a {@link MalformedInputException}
 * under the default {@code REPORT} policy; empty input gives no chunk.
 *
 * <p>A strategy's test extends this class and implements {@link #strategy()}; it may override
 * {@link #options(int)} (to set the strategy's parameters, say) and {@link #texts()}. The
 * strategy runs behind {@link Chunking}, as users run it, so a plugin's chunks also pass the
 * library's own checks. {@code chunking-core} publishes its test classes as a test-jar, so a
 * plugin reuses this suite with, in test scope, JUnit Jupiter, jqwik, AssertJ and
 * <pre>{@code
 * <dependency>
 *   <groupId>dev.chunking</groupId>
 *   <artifactId>chunking-core</artifactId>
 *   <type>test-jar</type>
 *   <scope>test</scope>
 * </dependency>
 * }</pre>
 */
public abstract class ChunkingStrategyContract {
    /** The document id of every run. */
    protected static final DocumentId DOC = DocumentId.of("contract");

    /** Malformed UTF-8: a lone continuation byte, bytes never used, overlong, an encoded surrogate, above U+10FFFF, truncated. */
    private static final List<byte[]> MALFORMED = List.of(new byte[] {(byte) 0x80}, new byte[] {(byte) 0xFF},
            new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xE2, (byte) 0x82, 'x'});

    /**
     * Creates the strategy under test.
     *
     * @return the strategy
     */
    protected abstract ChunkingStrategy strategy();

    /**
     * The options of a run with a maximum size: by default that size in code points, a fifth of it
     * as overlap, and the default {@code REPORT} policy for malformed input. Override to set the
     * strategy's parameters; keep the unit, the size and the policy.
     *
     * @param maxSize the maximum chunk size, 1 to 300
     * @return the options
     */
    protected ChunkingOptions options(int maxSize) {
        return ChunkingOptions.builder().maxSize(maxSize).overlap(maxSize / 5).build();
    }

    /**
     * The documents to chunk: by default {@link Texts#documents()} and {@link Texts#markdown()}.
     *
     * @return the arbitrary
     */
    protected Arbitrary<String> texts() {
        return Arbitraries.oneOf(Texts.documents(), Texts.markdown());
    }

    /**
     * The counter the strategy gets, used when the unit is tokens.
     *
     * @return the built-in code point counter unless overridden
     */
    protected TokenCounter tokenCounter() {
        return new CodePointCounter();
    }

    private Chunking chunking(int maxSize) {
        ChunkingOptions options = options(maxSize);
        assertThat(options.unit()).as("options(%d) keep the unit of chars", maxSize).isEqualTo(SizeUnit.CHARS);
        return Chunking.of(strategy(), options, tokenCounter());
    }

    @Provide
    Arbitrary<String> documents() {
        return texts();
    }

    @Provide
    Arbitrary<byte[]> malformed() {
        return Arbitraries.of(MALFORMED);
    }

    @Property(tries = 100)
    void keepsThePromisesForAnyTextAndMaxSize(@ForAll("documents") String text, @ForAll @IntRange(min = 1, max = 300) int maxSize) {
        Chunking chunking = chunking(maxSize);
        List<Chunk> chunks = chunking.chunk(DOC, text);
        Promises.assertKept(text, chunks, chunking.options());
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.strategy()).as("the strategy named in chunk %d", c.index()).isEqualTo(strategy().name());
            assertThat(c.document()).isEqualTo(DOC);
            assertThat(c.replacements()).isZero();
        });
    }

    @Property(tries = 100)
    void emitsIdenticalChunksForAnyByteSplit(@ForAll("documents") String text, @ForAll @IntRange(min = 1, max = 300) int maxSize,
                                             @ForAll long seed) {
        Chunking chunking = chunking(maxSize);
        Random random = new Random(seed);
        assertThat(Feeds.inRandomBytePieces(chunking, DOC, text, random, 1 + random.nextInt(random.nextBoolean() ? 4 : 2000)))
                .isEqualTo(chunking.chunk(DOC, text));
    }

    @Property(tries = 100)
    void emitsIdenticalChunksForAnyCharSplit(@ForAll("documents") String text, @ForAll @IntRange(min = 1, max = 300) int maxSize,
                                             @ForAll long seed) {
        Chunking chunking = chunking(maxSize);
        Random random = new Random(seed);
        assertThat(Feeds.inRandomCharPieces(chunking, DOC, text, random, 1 + random.nextInt(random.nextBoolean() ? 3 : 500)))
                .isEqualTo(chunking.chunk(DOC, text));
    }

    @Property(tries = 100)
    void reportsMalformedUtf8AtItsByteOffset(@ForAll("documents") String text, @ForAll("malformed") byte[] bad,
                                              @ForAll @IntRange(min = 1, max = 300) int maxSize, @ForAll long seed) {
        Random random = new Random(seed);
        int cut = text.offsetByCodePoints(0, random.nextInt(text.codePointCount(0, text.length()) + 1));
        byte[] before = text.substring(0, cut).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        input.writeBytes(before);
        input.writeBytes(bad);
        input.writeBytes(text.substring(cut).getBytes(StandardCharsets.UTF_8));
        byte[] utf8 = input.toByteArray();
        Chunking chunking = chunking(maxSize);
        List<Chunk> chunks = new ArrayList<>();
        assertThatThrownBy(() -> {
            try (Chunker chunker = chunking.open(DOC, chunks::add)) {
                for (int at = 0, n; at < utf8.length; at += n) {
                    n = Math.min(utf8.length - at, 1 + random.nextInt(64));
                    chunker.feed(utf8, at, n);
                }
                chunker.finish();
            }
        }).isInstanceOf(MalformedInputException.class)
                .satisfies(e -> assertThat(((MalformedInputException) e).byteOffset()).as("offset of the malformed bytes")
                        .isEqualTo(before.length));
        assertThat(chunks).allSatisfy(c -> assertThat(c.byteEnd()).as("a chunk before the malformed bytes")
                .isLessThanOrEqualTo(before.length));
    }

    @Property(tries = 50)
    void reportsATruncatedSequenceAtTheEndOfTheInput(@ForAll("documents") String text,
                                                    @ForAll @IntRange(min = 1, max = 300) int maxSize) {
        byte[] utf8 = (text + "\u20ac").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> {
            try (Chunker chunker = chunking(maxSize).open(DOC, c -> { })) {
                chunker.feed(utf8, 0, utf8.length - 1);
                chunker.finish();
            }
        }).isInstanceOf(MalformedInputException.class);
    }

    @Property(tries = 50)
    void reportsALoneSurrogateInCharInput(@ForAll("documents") String text, @ForAll @IntRange(min = 1, max = 300) int maxSize,
                                          @ForAll long seed) {
        Random random = new Random(seed);
        int cut = text.offsetByCodePoints(0, random.nextInt(text.codePointCount(0, text.length()) + 1));
        String lone = random.nextBoolean() ? "\ud800" : "\udc00";
        String bad = text.substring(0, cut) + lone + (lone.equals("\ud800") ? "x" : "") + text.substring(cut);
        assertThatThrownBy(() -> chunking(maxSize).chunk(DOC, bad)).isInstanceOf(MalformedInputException.class);
        assertThatThrownBy(() -> chunking(maxSize).chunk(DOC, text + "\ud83d")).as("a high surrogate that ends the input")
                .isInstanceOf(MalformedInputException.class);
    }

    @Test
    void givesNoChunkForEmptyInput() {
        Chunking chunking = chunking(10);
        assertThat(chunking.chunk(DOC, "")).isEmpty();
        List<Chunk> chunks = new ArrayList<>();
        try (Chunker chunker = chunking.open(DOC, chunks::add)) {
            chunker.feed(new byte[0]);
            chunker.feed("");
            chunker.finish();
            assertThat(chunker.bytesFed()).isZero();
        }
        assertThat(chunks).isEmpty();
    }
}

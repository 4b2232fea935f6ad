package dev.chunking.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.testing.Texts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class LexicalEmbedderTest {
    private final LexicalEmbedder embedder = new LexicalEmbedder();

    private float[] vector(String text) {
        return embedder.embed(List.of(text)).get(0);
    }

    private double distance(String a, String b) {
        return LexicalEmbedder.cosineDistance(vector(a), vector(b));
    }

    /** The non-zero components as "index sign", a fingerprint of the hashing. */
    private static String signature(float[] v) {
        return IntStream.range(0, v.length).filter(i -> v[i] != 0).mapToObj(i -> i + (v[i] > 0 ? "+" : "-"))
                .collect(Collectors.joining(" "));
    }

    @Provide
    Arbitrary<String> documents() {
        return Texts.documents();
    }

    @Provide
    Arbitrary<List<String>> batches() {
        return Texts.documents().list().ofMaxSize(12);
    }

    @Test
    void givesTheSameVectorOnEveryJvmBecauseTheHashIsItsOwn() {
        // Pinned once: a change here means vectors stored by an earlier version no longer compare.
        assertThat(signature(vector("chunk"))).isEqualTo("4+ 64+ 100- 110- 138+");
        // "a" is the word (weight 1) and the trigram "^a$" (weight 1/2), normalised.
        float[] a = vector("a");
        double[] nonZero = IntStream.range(0, a.length).filter(i -> a[i] != 0).mapToDouble(i -> Math.abs(a[i])).sorted().toArray();
        assertThat(nonZero).containsExactly(new double[] {1 / Math.sqrt(5), 2 / Math.sqrt(5)}, within(1e-6));
    }

    @Property(tries = 200)
    void embedsTheSameTextToTheSameVectorAcrossInstancesAndCalls(@ForAll("documents") String text) {
        float[] first = vector(text);
        assertThat(new LexicalEmbedder().embed(List.of("something else", text)).get(1)).isEqualTo(first);
        assertThat(vector(text)).isEqualTo(first);
    }

    @Property(tries = 200)
    void makesUnitVectorsOfTheConfiguredLengthOrTheZeroVector(@ForAll("documents") String text,
                                                              @ForAll @IntRange(min = 64, max = 1024) int dimensions) {
        // From 64 dimensions up, features of a text cancelling each other out entirely is too unlikely to happen.
        float[] v = new LexicalEmbedder(dimensions).embed(List.of(text)).get(0);
        assertThat(v).hasSize(dimensions);
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        boolean hasWords = text.codePoints().anyMatch(Character::isLetterOrDigit);
        assertThat(norm).isCloseTo(hasWords ? 1 : 0, within(1e-5));
    }

    @Property(tries = 100)
    void keepsTheOrderOfTheBatch(@ForAll("batches") List<String> texts) {
        List<float[]> batch = embedder.embed(texts);
        List<float[]> oneByOne = new ArrayList<>();
        for (String text : texts) {
            oneByOne.add(vector(text));
        }
        assertThat(batch).hasSameSizeAs(texts);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(batch.get(i)).as("text %d", i).isEqualTo(oneByOne.get(i));
        }
    }

    @Test
    void placesTheSameTextAtDistanceZero() {
        String text = "Chunks are cut where the topic shifts.";
        assertThat(distance(text, text)).isCloseTo(0, within(1e-6));
        assertThat(distance("Hello World", "hello world")).as("case is ignored").isCloseTo(0, within(1e-6));
        assertThat(distance("hello, world!", "hello world")).as("punctuation is not a feature").isCloseTo(0, within(1e-6));
    }

    @Test
    void placesTextsWithDifferentVocabulariesNearDistanceOne() {
        assertThat(distance("The cat sat on the mat.", "Quantum chromodynamics explains hadron binding.")).isGreaterThan(0.85);
        assertThat(distance("Rainfall fills rivers quickly.", "Compilers optimise loops aggressively.")).isGreaterThan(0.75);
        assertThat(distance("今天天气很好。", "我喜欢吃苹果。")).isGreaterThan(0.85);
    }

    @Test
    void placesTextsSharingMostWordsClose() {
        assertThat(distance("The quick brown fox jumps over the lazy dog.", "The quick brown fox jumped over the lazy dog!"))
                .isLessThan(0.2);
        assertThat(distance("PostgreSQL stores chunks in partitions.", "Partitions of PostgreSQL store the chunks."))
                .isLessThan(0.3);
        assertThat(distance("chunking documents", "chunks of a document"))
                .as("trigrams relate inflected forms").isLessThan(distance("chunking documents", "weather forecast tomorrow") - 0.3);
    }

    @Test
    void embedsCjkTextWithoutSpacesByIdeographsAndTheirPairs() {
        float[] chinese = vector("今天天气很好");
        assertThat(signature(chinese)).isNotEmpty();
        assertThat(distance("今天天气很好。", "今天天气不好。")).isLessThan(0.4);
        assertThat(signature(vector("日本語の文章です"))).isNotEmpty();
        assertThat(signature(vector("한국어 문장"))).isNotEmpty();
    }

    @Test
    void givesTheZeroVectorToTextsWithoutLettersOrDigits() {
        for (String text : List.of("", "   ", "... --- !!!", "\ud83d\ude00\ud83d\udc4d", "\u0301\u0301")) {
            assertThat(vector(text)).as("'%s'", text).containsOnly(0f);
        }
        float[] zero = vector("");
        assertThat(LexicalEmbedder.cosineDistance(zero, vector("?!"))).as("two texts that say nothing").isZero();
        assertThat(LexicalEmbedder.cosineDistance(zero, vector("words"))).as("nothing versus something").isEqualTo(1);
    }

    @Test
    void keepsCombiningMarksInsideTheirWord() {
        // "cafe\u0301" is one word, not "cafe" and a stray mark: it differs from "cafe" and equals itself.
        assertThat(distance("cafe\u0301 au lait", "cafe\u0301 au lait")).isCloseTo(0, within(1e-6));
        assertThat(distance("cafe\u0301", "cafe")).isGreaterThan(0.2);
    }

    @Test
    void servesConcurrentCallersWithTheSameVectors() {
        List<String> texts = IntStream.range(0, 200).mapToObj(i -> "sentence number " + i + " about topic " + (i % 7))
                .collect(Collectors.toList());
        List<float[]> expected = embedder.embed(texts);
        List<List<float[]>> parallel = IntStream.range(0, 16).parallel().mapToObj(i -> embedder.embed(texts))
                .collect(Collectors.toList());
        for (List<float[]> vectors : parallel) {
            for (int i = 0; i < texts.size(); i++) {
                assertThat(vectors.get(i)).isEqualTo(expected.get(i));
            }
        }
    }

    @Test
    void refusesDimensionsOutsideTheRangeNamingTheValueAndTheLimit() {
        assertThatThrownBy(() -> new LexicalEmbedder(0)).isInstanceOf(InvalidOptionsException.class)
                .hasMessage("lexical embedder: 0 dimensions is outside 1..65536; choose a vector length within that range"
                        + " (default 256)");
        assertThatThrownBy(() -> new LexicalEmbedder(65537)).hasMessageContaining("65537 dimensions is outside 1..65536");
        assertThat(new LexicalEmbedder(65536).dimensions()).isEqualTo(65536);
        assertThat(new LexicalEmbedder(1).embed(List.of("one dimension")).get(0)).hasSize(1);
        assertThat(new LexicalEmbedder().name()).isEqualTo("lexical");
    }

    @Test
    void refusesNullTextsAndVectorsOfDifferentLengths() {
        assertThatThrownBy(() -> embedder.embed(null)).isInstanceOf(InvalidOptionsException.class)
                .hasMessageContaining("list of texts is null");
        assertThatThrownBy(() -> embedder.embed(Arrays.asList("a", null))).isInstanceOf(InvalidOptionsException.class)
                .hasMessage("lexical embedder: text 1 of 2 is null; pass an empty string for no text");
        assertThatThrownBy(() -> LexicalEmbedder.cosineDistance(new float[3], new float[4]))
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessage("cosine distance of vectors of 3 and 4 dimensions; compare vectors made by the same embedder");
    }

    @Test
    void measuresOppositeVectorsAtDistanceTwo() {
        assertThat(LexicalEmbedder.cosineDistance(new float[] {1, 0}, new float[] {-2, 0})).isEqualTo(2);
        assertThat(LexicalEmbedder.cosineDistance(new float[] {1, 0}, new float[] {0, 3})).isEqualTo(1);
        assertThat(LexicalEmbedder.cosineDistance(new float[] {1, 1}, new float[] {2, 2})).isCloseTo(0, within(1e-9));
    }
}

package dev.chunking.embeddings.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.chunking.domain.PluginFailureException;
import dev.chunking.testing.RealDocuments;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The embedder on the real model of the LangChain4j artifact. */
class MiniLmEmbedderIT {
    private static final MiniLmEmbedder EMBEDDER = new MiniLmEmbedder(MiniLmOptions.defaults()).load();

    @AfterAll
    static void close() {
        EMBEDDER.close();
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
        }
        return dot;
    }

    static double norm(float[] a) {
        return Math.sqrt(cosine(a, a));
    }

    /** Sentences of a real document: its lines with a letter, up to 200 of them. */
    static List<String> sentences(String document, int count) {
        List<String> lines = new ArrayList<>();
        for (String line : new String(RealDocuments.read(document), StandardCharsets.UTF_8).split("\n")) {
            if (line.codePoints().anyMatch(Character::isLetter) && lines.size() < count) {
                lines.add(line.strip());
            }
        }
        return lines;
    }

    @Test
    void everyVectorHas384DimensionsAndUnitLength() {
        List<float[]> vectors = EMBEDDER.embed(List.of("The cat sits on the mat.", "", "Ein Satz auf Deutsch.", "日本語の文です。"));
        assertThat(vectors).hasSize(4);
        for (float[] v : vectors) {
            assertThat(v).hasSize(MiniLmEmbedder.DIMENSIONS);
            assertThat(norm(v)).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void aParaphraseIsCloserThanAnUnrelatedSentence() {
        List<float[]> v = EMBEDDER.embed(List.of("The weather is lovely today.", "It is sunny and warm outside.",
                "The compiler reports a type error on line 12."));
        double paraphrase = cosine(v.get(0), v.get(1));
        double unrelated = cosine(v.get(0), v.get(2));
        assertThat(paraphrase).isGreaterThan(unrelated + 0.2);
    }

    @Test
    void synonymsWithoutASharedWordAreCloserThanSharedWordsWithAnotherMeaning() {
        List<float[]> v = EMBEDDER.embed(List.of("A physician treated the patient.", "The doctor cared for a sick person.",
                "The patient physician waited for the bus."));
        assertThat(cosine(v.get(0), v.get(1))).isGreaterThan(cosine(v.get(1), v.get(2)));
    }

    @Test
    void theSameTextGivesTheSameVectorInEveryCall() {
        List<String> texts = sentences("prose/nodejs-stream.md", 40);
        List<float[]> first = EMBEDDER.embed(texts);
        List<float[]> second = EMBEDDER.embed(texts);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(second.get(i)).containsExactly(first.get(i));
        }
    }

    @Test
    void byDefaultACallOfManyTextsGivesTheVectorsOfOneByOneCalls() {
        List<String> texts = sentences("prose/nodejs-errors.md", 30);
        List<float[]> together = EMBEDDER.embed(texts);
        double worst = 0;
        for (int i = 0; i < texts.size(); i++) {
            worst = Math.max(worst, largestDifference(EMBEDDER.embed(List.of(texts.get(i))).get(0), together.get(i)));
        }
        assertThat(worst).isLessThan(1e-5);
    }

    @Test
    void theThreadCountDoesNotChangeTheVectors() {
        List<String> texts = sentences("prose/nodejs-errors.md", 30);
        try (MiniLmEmbedder two = new MiniLmEmbedder(MiniLmOptions.defaults().withThreads(2))) {
            List<float[]> other = two.embed(texts);
            List<float[]> one = EMBEDDER.embed(texts);
            for (int i = 0; i < texts.size(); i++) {
                assertThat(largestDifference(one.get(i), other.get(i))).isLessThan(1e-5);
            }
        }
    }

    /**
     * The quantised model quantises a batch's activations with one scale, so larger batches move
     * each vector a little (the cost MiniLmOptions documents): every vector stays within cosine
     * 0.9 of its vector alone, and nearer to it than to any other text's.
     */
    @Test
    void largerBatchesMoveEachVectorByAQuantisationErrorOnly() {
        List<String> texts = sentences("prose/nodejs-errors.md", 64);
        List<float[]> alone = EMBEDDER.embed(texts);
        try (MiniLmEmbedder batched = new MiniLmEmbedder(MiniLmOptions.defaults().withBatchSize(16))) {
            List<float[]> together = batched.embed(texts);
            for (int i = 0; i < texts.size(); i++) {
                double own = cosine(alone.get(i), together.get(i));
                assertThat(own).as(texts.get(i)).isGreaterThan(0.9);
                for (int j = 0; j < texts.size(); j++) {
                    if (!texts.get(j).equals(texts.get(i))) {
                        assertThat(cosine(alone.get(j), together.get(i))).as(texts.get(i)).isLessThan(own);
                    }
                }
            }
        }
    }

    private static double largestDifference(float[] a, float[] b) {
        double worst = 0;
        for (int d = 0; d < a.length; d++) {
            worst = Math.max(worst, Math.abs(a[d] - b[d]));
        }
        return worst;
    }

    @Test
    void theResultKeepsTheOrderOfTheTextsWhateverTheirLengths() {
        List<String> texts = List.of("A much longer sentence that has a good many words in it, more than the others.", "Short.",
                "Medium length sentence here.");
        List<float[]> together = EMBEDDER.embed(texts);
        List<String> reversed = new ArrayList<>(texts);
        Collections.reverse(reversed);
        List<float[]> back = EMBEDDER.embed(reversed);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(cosine(together.get(i), back.get(texts.size() - 1 - i))).isGreaterThan(0.999);
        }
    }

    @Test
    void aTextLongerThanTheTokenLimitIsEmbeddedFromItsBeginning() {
        String head = "Streams are an abstraction for working with data that flows over time. ";
        List<float[]> v = EMBEDDER.embed(List.of(head.repeat(40), head.repeat(40) + "Completely different tail text."));
        assertThat(EMBEDDER.countTokens(head.repeat(40))).isEqualTo(256);
        assertThat(Arrays.equals(v.get(0), v.get(1))).isTrue();
    }

    @Test
    void anEmbedderThatIsClosedRefusesToEmbedSayingSo() {
        MiniLmEmbedder closed = new MiniLmEmbedder(MiniLmOptions.defaults());
        closed.close();
        assertThatThrownBy(() -> closed.embed(List.of("text"))).isInstanceOf(PluginFailureException.class)
                .hasMessage("minilm embedder: used after close(); create a new MiniLmEmbedder");
    }
}

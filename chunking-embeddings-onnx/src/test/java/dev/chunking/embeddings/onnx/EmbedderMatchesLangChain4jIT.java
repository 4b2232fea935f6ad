package dev.chunking.embeddings.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.chunking.embeddings.onnx.internal.WordPieceTokenizer;
import dev.chunking.testing.RealDocuments;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Our Java tokenizer and pooling give what LangChain4j's own model class of the same artifact
 * gives (HuggingFace's Rust tokenizer through DJL, mean pooling, normalisation): the same token
 * ids for every line of every real document, and the same vectors for a sample of them.
 */
class EmbedderMatchesLangChain4jIT {

    @Test
    void everyLineOfTheRealDocumentsGetsHuggingFacesTokenIds() throws Exception {
        byte[] json;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(MiniLmEmbedder.TOKENIZER_RESOURCE)) {
            json = in.readAllBytes();
        }
        WordPieceTokenizer ours = WordPieceTokenizer.fromJson(new String(json, StandardCharsets.UTF_8));
        try (HuggingFaceTokenizer reference = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(json),
                Map.of("padding", "false", "truncation", "false"))) {
            int lines = 0;
            for (String document : RealDocuments.NAMES) {
                for (String line : MiniLmEmbedderIT.sentences(document, Integer.MAX_VALUE)) {
                    long[] expected = reference.encode(line).getIds();
                    assertThat(ours.encode(line, Integer.MAX_VALUE)).as("%s: %s", document, line).containsExactly(expected);
                    lines++;
                }
            }
            assertThat(lines).isGreaterThan(1000);
        }
    }

    @Test
    void vectorsMatchLangChain4jsModelWithinOneTenThousandth() {
        ExecutorService one = Executors.newSingleThreadExecutor();
        try (MiniLmEmbedder ours = new MiniLmEmbedder(MiniLmOptions.defaults().withMaxTokens(512))) {
            AllMiniLmL6V2QuantizedEmbeddingModel theirs = new AllMiniLmL6V2QuantizedEmbeddingModel(one);
            for (String document : List.of("prose/nodejs-esm.md", "documents/multilingual.txt", "markdown/rust-releases.md")) {
                // up to 128 tokens: the artifact's tokenizer.json truncates there, which LangChain4j's encoder follows
                List<String> lines = MiniLmEmbedderIT.sentences(document, 60).stream().filter(l -> ours.countTokens(l) <= 128)
                        .limit(25).toList();
                List<float[]> mine = ours.embed(lines);
                List<Embedding> reference = theirs.embedAll(lines.stream().map(TextSegment::from).toList()).content();
                for (int i = 0; i < lines.size(); i++) {
                    float[] expected = reference.get(i).vector();
                    double worst = 0;
                    for (int d = 0; d < expected.length; d++) {
                        worst = Math.max(worst, Math.abs(expected[d] - mine.get(i)[d]));
                    }
                    assertThat(worst).as("%s: %s", document, lines.get(i)).isLessThan(1e-4);
                }
            }
        } finally {
            one.shutdown();
        }
    }
}

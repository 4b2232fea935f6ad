package dev.chunking.embeddings.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.domain.InvalidOptionsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MiniLmOptionsTest {

    @Test
    void theDefaultsAreOneThreadOneTextPerRunAndTheModelsTrainingLength() {
        assertThat(MiniLmOptions.defaults()).isEqualTo(new MiniLmOptions(1, 1, 256));
    }

    @Test
    void absentPropertiesGiveTheDefaults() {
        assertThat(MiniLmOptions.fromProperties(new Properties())).isEqualTo(MiniLmOptions.defaults());
    }

    @Test
    void propertiesSetEachOption() {
        Properties p = new Properties();
        p.setProperty("chunking.minilm.threads", "2");
        p.setProperty("chunking.minilm.batch-size", " 64 ");
        p.setProperty("chunking.minilm.max-tokens", "128");
        assertThat(MiniLmOptions.fromProperties(p)).isEqualTo(new MiniLmOptions(2, 64, 128));
    }

    @Test
    void zeroThreadsIsRefusedNamingTheRangeAndTheProperty() {
        assertThatThrownBy(() -> MiniLmOptions.defaults().withThreads(0))
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessage("minilm embedder: threads 0 is outside 1..64; choose a value in that range (default 1;"
                        + " as a system property: chunking.minilm.threads)");
    }

    @Test
    void aBatchSizeAboveTheLimitIsRefused() {
        assertThatThrownBy(() -> MiniLmOptions.defaults().withBatchSize(1025))
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessage("minilm embedder: batch size 1025 is outside 1..1024; choose a value in that range (default 1;"
                        + " as a system property: chunking.minilm.batch-size)");
    }

    @Test
    void moreTokensThanThePositionEmbeddingsAreRefused() {
        assertThatThrownBy(() -> MiniLmOptions.defaults().withMaxTokens(513))
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessage("minilm embedder: max tokens 513 is outside 8..512; choose a value in that range (default 256;"
                        + " as a system property: chunking.minilm.max-tokens)");
    }

    @Test
    void aPropertyThatIsNotANumberIsRefusedNamingIt() {
        Properties p = new Properties();
        p.setProperty("chunking.minilm.threads", "all");
        assertThatThrownBy(() -> MiniLmOptions.fromProperties(p))
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessage("minilm embedder: chunking.minilm.threads=all is not a whole number; set it to one (default 1)"
                        + " or leave it out");
    }

    @Test
    void theEmbedderIsNamedMinilmAndLoadsNothingWhenConstructed() {
        MiniLmEmbedder embedder = new MiniLmEmbedder(MiniLmOptions.defaults().withThreads(2));
        assertThat(embedder.name()).isEqualTo("minilm");
        assertThat(embedder.options().threads()).isEqualTo(2);
        assertThat(embedder.embed(List.of())).isEmpty();
    }

    @Test
    void aNullTextIsRefusedNamingItsPosition() {
        List<String> texts = new ArrayList<>(List.of("a", "b"));
        texts.add(null);
        assertThatThrownBy(() -> new MiniLmEmbedder(MiniLmOptions.defaults()).embed(texts))
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessage("minilm embedder: text 2 of 3 is null; pass an empty string for no text");
    }
}

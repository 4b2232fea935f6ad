package dev.chunking.embeddings.onnx.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The tokenizer on the model's own tokenizer.json; EmbedderMatchesLangChain4jIT checks it against HuggingFace's. */
class WordPieceTokenizerTest {
    private static final WordPieceTokenizer TOKENIZER = WordPieceTokenizer.fromJson(tokenizerJson());

    static String tokenizerJson() {
        try (InputStream in = WordPieceTokenizerTest.class.getClassLoader()
                .getResourceAsStream("all-minilm-l6-v2-q-tokenizer.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static long[] encode(String text) {
        return TOKENIZER.encode(text, 256);
    }

    @Test
    void helloWorldIsClassHelloWorldSeparator() {
        assertThat(encode("hello world")).containsExactly(101, 7592, 2088, 102);
    }

    @Test
    void caseIsIgnoredAndPunctuationIsAWordOfItsOwn() {
        assertThat(encode("Hello,World!")).containsExactly(encode("hello , world !"));
        assertThat(encode("Hello,World!")).hasSize(6);
    }

    @Test
    void accentsAreStripped() {
        assertThat(encode("Café Noël")).containsExactly(encode("cafe noel"));
    }

    @Test
    void cjkIdeographsAreWordsOfTheirOwn() {
        assertThat(encode("日本語")).containsExactly(encode("日 本 語"));
    }

    @Test
    void controlCharactersAreDroppedAndOtherWhiteSpaceSeparates() {
        assertThat(encode("hel\u0000lo\u00a0world\u200b")).containsExactly(encode("hello world"));
    }

    @Test
    void aWordWithoutASplitOrOverAHundredCharactersIsOneUnknownToken() {
        assertThat(encode("a".repeat(101))).containsExactly(101, 100, 102);
        assertThat(encode("\u2603")).containsExactly(101, 100, 102); // a snowman: a symbol, not in the vocabulary
    }

    @Test
    void aLongTextIsCutToTheLimitKeepingTheSeparator() {
        long[] ids = TOKENIZER.encode("word ".repeat(1000), 16);
        assertThat(ids).hasSize(16);
        assertThat(ids[0]).isEqualTo(101);
        assertThat(ids[15]).isEqualTo(102);
        assertThat(TOKENIZER.encode("", 16)).containsExactly(101, 102);
    }

    @Test
    void anUnknownWordIsCutAtTheLimitToo() {
        long[] ids = TOKENIZER.encode("hello ".repeat(10) + "a".repeat(200), 12);
        assertThat(ids).hasSize(12);
    }
}

package dev.chunking.benchmarks.retrieval;

import com.knuddels.jtokkit.api.Encoding;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.TokenCountEstimator;
import java.util.Objects;

/**
 * LangChain4j's {@link TokenCountEstimator} over a jtokkit encoding, so that LangChain4j's
 * recursive splitter sizes its segments in the same tokens as the library's strategies and the
 * fixed window ({@code o200k_base} in the harness). Counts text only: the splitters never ask for
 * chat messages. Thread-safe (jtokkit's encodings are).
 */
public final class JtokkitTokenCountEstimator implements TokenCountEstimator {
    private final Encoding encoding;

    /**
     * Wraps an encoding.
     *
     * @param encoding the encoding that counts
     */
    public JtokkitTokenCountEstimator(Encoding encoding) {
        this.encoding = Objects.requireNonNull(encoding, "encoding");
    }

    @Override
    public int estimateTokenCountInText(String text) {
        return encoding.countTokensOrdinary(text);
    }

    /**
     * Not supported: the document splitters count text only.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public int estimateTokenCountInMessage(ChatMessage message) {
        throw new UnsupportedOperationException("this estimator counts text for the document splitters, not chat messages");
    }

    /**
     * Not supported: the document splitters count text only.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public int estimateTokenCountInMessages(Iterable<ChatMessage> messages) {
        throw new UnsupportedOperationException("this estimator counts text for the document splitters, not chat messages");
    }
}

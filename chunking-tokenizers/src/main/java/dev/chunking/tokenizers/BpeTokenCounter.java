package dev.chunking.tokenizers;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import dev.chunking.spi.TokenCounter;

/**
 * A {@link TokenCounter} that counts the byte-pair-encoding tokens of an OpenAI encoding,
 * through jtokkit, so chunks are sized in the tokens an embedding model sees. Special tokens
 * such as {@code <|endoftext|>} in a document count as ordinary text. The encodings ship inside
 * the jtokkit jar and load on first use. Immutable and thread-safe.
 */
public class BpeTokenCounter implements TokenCounter {
    private static final class Registry {
        static final EncodingRegistry INSTANCE = Encodings.newLazyEncodingRegistry();
    }

    private final String name;
    private final EncodingType type;
    private volatile Encoding encoding;

    /**
     * Creates a counter for one encoding.
     *
     * @param type the encoding
     */
    protected BpeTokenCounter(EncodingType type) {
        this.type = type;
        this.name = type.getName();
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int count(CharSequence text) {
        Encoding e = encoding;
        if (e == null) {
            e = Registry.INSTANCE.getEncoding(type);
            encoding = e;
        }
        return e.countTokensOrdinary(text.toString());
    }

    /** {@code cl100k_base}: GPT-3.5, GPT-4 and the text-embedding-3 models. */
    public static final class Cl100kBase extends BpeTokenCounter {
        /** Creates the counter; called by {@link java.util.ServiceLoader}. */
        public Cl100kBase() {
            super(EncodingType.CL100K_BASE);
        }
    }

    /** {@code o200k_base}: GPT-4o and later models. */
    public static final class O200kBase extends BpeTokenCounter {
        /** Creates the counter; called by {@link java.util.ServiceLoader}. */
        public O200kBase() {
            super(EncodingType.O200K_BASE);
        }
    }

    /** {@code p50k_base}: Codex and text-davinci models. */
    public static final class P50kBase extends BpeTokenCounter {
        /** Creates the counter; called by {@link java.util.ServiceLoader}. */
        public P50kBase() {
            super(EncodingType.P50K_BASE);
        }
    }

    /** {@code r50k_base}: GPT-3 models. */
    public static final class R50kBase extends BpeTokenCounter {
        /** Creates the counter; called by {@link java.util.ServiceLoader}. */
        public R50kBase() {
            super(EncodingType.R50K_BASE);
        }
    }
}

package dev.chunking.tokenizers;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import dev.chunking.spi.TokenCounter;
import dev.chunking.spi.TokenPieces;
import java.util.regex.Pattern;

/**
 * A {@link TokenCounter} that counts the byte-pair-encoding tokens of an OpenAI encoding,
 * through jtokkit, so chunks are sized in the tokens an embedding model sees. Special tokens
 * such as {@code <|endoftext|>} in a document count as ordinary text. The encodings ship inside
 * the jtokkit jar and load on first use. Immutable and thread-safe.
 *
 * <p>For the encodings jtokkit splits by a regular expression ({@code o200k_base},
 * {@code p50k_base}, {@code r50k_base}) the counter also gives its {@link #pieces() pieces}, split
 * by the same expression ({@link RegexPieces}), so chunkers count each piece once.
 * {@code cl100k_base}, which jtokkit splits by hand-written code, counts whole ranges.
 */
public class BpeTokenCounter implements TokenCounter {
    private static final class Registry {
        static final EncodingRegistry INSTANCE = Encodings.newLazyEncodingRegistry();
    }

    /**
     * jtokkit's o200k_base pre-tokenizer (EncodingFactory.o200kBase in jtokkit 1.1.0), which its
     * API does not expose; compiled with the same flag, and checked against its counts by the tests.
     */
    static final Pattern O200K = Pattern.compile(String.join("|",
            "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]*[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?",
            "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]+[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?",
            "\\p{N}{1,3}",
            " ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*",
            "\\s*[\\r\\n]+",
            "\\s+(?!\\S)",
            "\\s+"), Pattern.UNICODE_CHARACTER_CLASS);
    /** jtokkit's p50k_base and r50k_base pre-tokenizer (EncodingFactory.from50kParameters in jtokkit 1.1.0). */
    static final Pattern X50K = Pattern.compile("'(?:[sdmt]|ll|ve|re)| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);

    private final String name;
    private final EncodingType type;
    private final Pattern pattern; // null when jtokkit does not split by a regular expression
    private volatile Encoding encoding;

    /**
     * Creates a counter for one encoding.
     *
     * @param type the encoding
     */
    protected BpeTokenCounter(EncodingType type) {
        this.type = type;
        this.name = type.getName();
        this.pattern = switch (type) {
            case O200K_BASE -> O200K;
            case P50K_BASE, P50K_EDIT, R50K_BASE -> X50K;
            default -> null;
        };
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int count(CharSequence text) {
        return encoding().countTokensOrdinary(text.toString());
    }

    /**
     * Returns a new splitter into the encoding's pre-tokenizer pieces, or null for
     * {@code cl100k_base}.
     *
     * @return the splitter, or null
     */
    @Override
    public final TokenPieces pieces() {
        return pattern == null ? null : new RegexPieces(pattern, encoding());
    }

    private Encoding encoding() {
        Encoding e = encoding;
        if (e == null) {
            e = Registry.INSTANCE.getEncoding(type);
            encoding = e;
        }
        return e;
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

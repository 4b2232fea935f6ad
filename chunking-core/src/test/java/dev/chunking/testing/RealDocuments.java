package dev.chunking.testing;

import dev.chunking.application.ChunkDigest;
import dev.chunking.application.Chunking;
import dev.chunking.domain.DocumentId;
import dev.chunking.spi.Chunker;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The real documents of core's test resources that the output pins digest ({@code OutputDigestTest},
 * the CLI's {@code OutputBytesDigestTest}, the tokenizers' {@code TokenOutputDigestTest}): Markdown
 * from public projects, prose and a multilingual text, named by their resource path. One list, so
 * every pin covers the same text. Stateless and thread-safe.
 */
public final class RealDocuments {
    /** The documents, as resource paths without the leading slash. */
    public static final List<String> NAMES = List.of("markdown/alsa-ucm2-DEBUG.md", "markdown/charset_normalizer-README.md",
            "markdown/clippy-README.md", "markdown/cssesc-README.md", "markdown/nodejs-BUILDING.md", "markdown/nodejs-readline.md",
            "markdown/pyenv-README.md", "markdown/pyenv-bug_report.md", "markdown/requests-HISTORY.md", "markdown/rust-releases.md",
            "markdown/safer-buffer-Porting-Buffer.md", "prose/nodejs-errors.md", "prose/nodejs-esm.md", "prose/nodejs-modules.md",
            "prose/nodejs-stream.md", "documents/guide.md", "documents/multilingual.txt");

    /** The built-in strategies, in the order the pins list them. */
    public static final List<String> STRATEGIES = List.of("character", "recursive", "markdown", "semantic", "hierarchical", "hybrid");

    private RealDocuments() {
    }

    /**
     * Reads a resource of the class path whole.
     *
     * @param resource its path without the leading slash, e.g. one of {@link #NAMES}
     * @return its bytes
     * @throws IllegalArgumentException if there is no such resource
     */
    public static byte[] read(String resource) {
        try (InputStream in = RealDocuments.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Chunks every document of {@link #NAMES} in turn, each fed in 4-KiB slices as a reader does,
     * and digests all their chunks.
     *
     * @param chunking the strategy and options
     * @return the chunk count and the SHA-256 of the chunks, as a pin file's line ends
     */
    public static String digest(Chunking chunking) {
        ChunkDigest digest = new ChunkDigest();
        for (String document : NAMES) {
            try (Chunker chunker = chunking.open(DocumentId.of(document), digest)) {
                Feeds.inSlices(chunker, read(document), 4096);
            }
        }
        return digest.chunks() + " " + digest.hex();
    }
}

package dev.chunking.testing;

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
}

package dev.chunking.langchain4j;

import dev.langchain4j.data.document.DocumentSplitter;
import dev.langchain4j.spi.data.document.splitter.DocumentSplitterFactory;

/**
 * LangChain4j's service-loader hook for {@link ChunkingDocumentSplitter#defaults()}: an
 * {@code EmbeddingStoreIngestor} built without a splitter asks the {@code DocumentSplitterFactory}
 * services for one. This jar does <b>not</b> register it, so that adding the jar changes nothing
 * by itself: with {@code langchain4j-easy-rag} on the class path, two factories make that ingestor
 * fail ("multiple document splitters have been found in the classpath").
 *
 * <p>To opt in, where no other factory is registered, add to your application's resources the file
 * {@code META-INF/services/dev.langchain4j.spi.data.document.splitter.DocumentSplitterFactory}
 * holding the line {@code dev.chunking.langchain4j.ChunkingDocumentSplitterFactory}. For other
 * settings, write your own three-line factory that returns
 * {@code ChunkingDocumentSplitter.builder()...build()} and register that instead; or, simpler,
 * pass the splitter to the ingestor's {@code documentSplitter(...)}.
 *
 * <p>Stateless and thread-safe.
 */
public final class ChunkingDocumentSplitterFactory implements DocumentSplitterFactory {
    /** Instantiated by {@link java.util.ServiceLoader} when the host registers the class. */
    public ChunkingDocumentSplitterFactory() {
    }

    /**
     * Returns the default splitter: {@code recursive}, at most 1000 code points, overlap up to 200.
     *
     * @return {@link ChunkingDocumentSplitter#defaults()}
     */
    @Override
    public DocumentSplitter create() {
        return ChunkingDocumentSplitter.defaults();
    }
}

package dev.chunking.benchmarks.retrieval;

import java.util.List;

/**
 * One way of cutting a document into the units a retriever indexes, named for the table. The
 * implementations are the library's strategies ({@link LibrarySplitter}), LangChain4j's recursive
 * splitter ({@link LangChain4jSplitter}) and a plain fixed token window ({@link TokenWindowSplitter}).
 * Implementations are thread-safe.
 */
public interface Splitter {
    /**
     * Returns the row name.
     *
     * @return such as {@code markdown} or {@code langchain4j-recursive}
     */
    String name();

    /**
     * Cuts one document.
     *
     * @param document the document
     * @return its units, in document order; every span lies within the document
     */
    List<RetrievalUnit> split(SourceText document);
}

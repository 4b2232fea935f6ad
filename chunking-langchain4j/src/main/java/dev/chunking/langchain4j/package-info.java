/**
 * The LangChain4j bridge (API): {@link dev.chunking.langchain4j.ChunkingDocumentSplitter}, a
 * LangChain4j {@code DocumentSplitter} backed by any strategy of the library, the metadata keys it
 * writes ({@link dev.chunking.langchain4j.SegmentMetadata}) and an opt-in service-loader factory
 * ({@link dev.chunking.langchain4j.ChunkingDocumentSplitterFactory}, not registered by this jar).
 * Package-private helpers: {@code SegmentCollector} (chunks to segments), {@code DocumentIds} (a
 * document's id from its metadata); the heading path's JSON array is core's
 * {@link dev.chunking.domain.HeadingPath}, as in the Spring AI bridge. Depends on chunking-core's API
 * and on langchain4j-core only, which the host provides.
 */
package dev.chunking.langchain4j;

/**
 * The Spring AI bridge: {@link dev.chunking.springai.ChunkingTextSplitter}, a Spring AI
 * {@code TextSplitter} and {@code DocumentTransformer} backed by any chunking strategy, and
 * {@link dev.chunking.springai.MetadataKeys}, the metadata it writes (Spring AI's own keys and
 * this library's exact offsets, ids and heading path, under the same names and formats as the
 * LangChain4j bridge's) and the reader of the heading path. API. Built on chunking-core's exported API and Spring AI's
 * {@code spring-ai-commons} (1.1 line, Java 17), which the host application provides; the
 * package-private {@code ChunkDocuments} builds the metadata.
 */
package dev.chunking.springai;

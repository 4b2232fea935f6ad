/**
 * The retrieval-quality benchmark (issue 20, {@code bin/retrieval}): does the chunking help
 * retrieval? A question set with reference excerpts ({@link QuestionSet}, its ranges generated
 * from quoted text by {@link QuestionRanges}) over documents committed with their licences under
 * {@code src/main/resources/retrieval/}; every splitter ({@link Splitter}: the library's strategies,
 * LangChain4j's recursive splitter, a plain fixed token window) cuts every document, an
 * {@link dev.chunking.spi.Embedder} embeds chunks and questions, and {@link RetrievalHarness} scores
 * the top chunks by cosine similarity with recall, precision and IoU over characters
 * ({@link Scores}). A benchmark, not a test: only the data's validity is checked in
 * {@code mvn verify}. Not an API: a tool of the project.
 */
package dev.chunking.benchmarks.retrieval;

/**
 * An offline neural {@code dev.chunking.spi.Embedder} for the {@code semantic} and {@code hybrid}
 * strategies: {@link dev.chunking.embeddings.onnx.MiniLmEmbedder} ({@code minilm}),
 * all-MiniLM-L6-v2 (quantised) on ONNX Runtime, the model read from a Maven artifact's resources,
 * with {@link dev.chunking.embeddings.onnx.MiniLmOptions} (threads, batch size, tokens per text).
 * Registered in {@code META-INF/services}, so a registry finds it by name; built on
 * chunking-core's exported API only. API: a host may also construct the embedder directly and
 * hand it to {@code new SemanticStrategy(embedder)}.
 */
package dev.chunking.embeddings.onnx;

/**
 * Internal to {@code dev.chunking.embeddings.onnx}, not API: the BERT WordPiece tokenizer read
 * from the model's {@code tokenizer.json} (with the small JSON reader it needs), and the ONNX
 * Runtime session that runs the model in batches and pools its output into sentence vectors.
 */
package dev.chunking.embeddings.onnx.internal;

/**
 * Exact token counts for OpenAI encodings: {@link BpeTokenCounter}, a
 * {@code dev.chunking.spi.TokenCounter} over jtokkit's byte-pair encodings ({@code cl100k_base},
 * {@code o200k_base}, {@code p50k_base}, {@code r50k_base}), registered in
 * {@code META-INF/services}, so that options sizing chunks in tokens find a counter by its
 * encoding's name. Built on chunking-core's exported API only. API: a host may also construct a
 * counter directly, such as {@code new BpeTokenCounter.Cl100kBase()}.
 */
package dev.chunking.tokenizers;

/**
 * The built-in strategies, {@code character}, {@code recursive}, {@code markdown},
 * {@code semantic}, {@code hierarchical} and {@code hybrid}, with the default token counter
 * {@link CodePointCounter} ({@code codepoints}) and the offline, deterministic
 * {@link LexicalEmbedder} ({@code lexical}), all registered for {@link java.util.ServiceLoader}
 * by {@code module-info} and {@code META-INF/services}. The classes are thin: they name
 * themselves, read their parameters and open the one-pass engine of
 * {@code dev.chunking.strategy.internal}, the only package allowed to use it. API, exported: hosts
 * usually reach a strategy by name through {@code dev.chunking.application.Chunking}, but may
 * construct one directly.
 */
package dev.chunking.strategy;

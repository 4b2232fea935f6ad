/**
 * The entry point for host applications: {@link Chunking}, a strategy and options resolved once,
 * which opens and resumes chunkers and chunks strings and streams; {@link StrategyRegistry},
 * which finds strategies, token counters and embedders by name through
 * {@link java.util.ServiceLoader} (or takes them by hand); {@link StrategyComparison}, several
 * strategies over one sample side by side; and what these are built from, {@link NamedProviders}
 * (providers indexed by their names) and {@link LimitedChunker} (a document's input limits,
 * enforced around any strategy's chunker). API, exported.
 */
package dev.chunking.application;

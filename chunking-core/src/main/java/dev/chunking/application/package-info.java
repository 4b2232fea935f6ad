/**
 * The entry point for host applications: {@link Chunking}, a strategy and options resolved once,
 * which opens and resumes chunkers and chunks strings and streams; {@link StrategyRegistry},
 * which finds strategies, token counters and embedders by name through
 * {@link java.util.ServiceLoader} (or takes them by hand); {@link StrategyComparison}, several
 * strategies over one sample side by side. API, exported; what these are built from is
 * package-private: {@code NamedProviders} (providers indexed by their names), {@code LimitedChunker}
 * (a document's input limits, enforced around any strategy's chunker) and {@code Prefixes} (the
 * shift of a byte order mark for strategies that cannot resume).
 */
package dev.chunking.application;

/**
 * Shared test helpers, published in chunking-core's test-jar for the other modules and for
 * adapters: contract suites an implementation's test extends ({@link RateLimiterContract},
 * {@link ChunkingStrategyContract} for a plugin strategy), the
 * package rules every module's architecture test applies ({@link ArchitectureRules}), assertions
 * of the design's promises ({@link Promises}), reference oracles ({@link ReferenceChunker},
 * {@link Utf8Reference}, {@link CommonMarkOutline}), generators of hostile text and feeds
 * ({@link Texts}, {@link Feeds}, {@link MarkdownCorpus}) and fakes of the ports
 * ({@link MemoryCheckpointStore}, {@link RecordingListener}, {@link HookedSource}), and
 * {@link StringConstants}, which reads the names a test pins (the bridges' metadata keys). Test scope
 * only, never part of the library's API; adapters rely on the contracts, so they change with care.
 */
package dev.chunking.testing;

/**
 * Throughput and memory measurements (see {@code bin/bench}, {@code bin/memory-bench}, {@code bin/memory-jmh} and
 * {@code bin/ratio}): JMH benchmarks of the strategies against the plain decoding baseline and
 * LangChain4j's splitter ({@link ChunkingBenchmark}, printed by {@link BenchmarkTable}), of the
 * path guard ({@link PathGuardBenchmark}), a harness for the peak resident memory of very large
 * inputs ({@link MemoryHarness}) and its JMH counterpart under {@code -Xmx64m} that fails above
 * 100 MB ({@link MemoryBoundBenchmark} with {@link MemoryBoundsProfiler}, {@code bin/memory-jmh}), one for throughput as a ratio to the baseline
 * ({@link RatioHarness}), the PostgreSQL store's write path against {@code psql}'s COPY
 * ({@link PostgresWriteBenchmark}, {@code bin/pg-write-bench}), Spring AI's ETL path with its
 * default splitter and with the Spring AI bridge ({@link SpringAiEtlBenchmark}), and the inputs they share
 * ({@link BenchmarkInputs}). Not an API: a tool
 * of the project, built on everything else and used by nothing.
 */
package dev.chunking.benchmarks;

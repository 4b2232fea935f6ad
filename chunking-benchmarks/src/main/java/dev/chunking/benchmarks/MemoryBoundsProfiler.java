package dev.chunking.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler ({@code -prof dev.chunking.benchmarks.MemoryBoundsProfiler}) that adds, to every
 * iteration of a single-shot benchmark streaming {@code mib} MiB per operation (a {@code mib}
 * parameter, as {@link MemoryBoundBenchmark} has), three secondary results:
 * <ul>
 *   <li>{@code rss.peak}: the peak resident set size of the whole forked JVM so far ({@code VmHWM}),
 *       in MB (10^6 bytes); across iterations the largest is reported;</li>
 *   <li>{@code input.rate}: MB (10^6 bytes) of input per second, from the primary score;</li>
 *   <li>{@code alloc.per.byte}: bytes allocated on the Java heap by all threads during the iteration,
 *       per input byte (as {@code -prof gc}'s {@code gc.alloc.rate.norm} divided by the bytes per operation).</li>
 * </ul>
 * Without a {@code mib} parameter only {@code rss.peak} is reported. Runs in the forked JVM; JMH
 * calls it from one thread.
 */
public final class MemoryBoundsProfiler implements InternalProfiler {
    private long allocatedBefore;

    /** Created by JMH by name. */
    public MemoryBoundsProfiler() {
    }

    @Override
    public String getDescription() {
        return "peak RSS of the forked JVM, input MB/s and heap allocation per input byte";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        allocatedBefore = allocatedBytes();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        long allocated = allocatedBytes() - allocatedBefore;
        List<Result> results = new ArrayList<>();
        results.add(new ScalarResult("rss.peak", ProcessMemory.peakRssBytes() / 1e6, "MB", AggregationPolicy.MAX));
        String mib = benchmarkParams.getParam("mib");
        long ops = result.getMetadata() == null ? 0 : result.getMetadata().getMeasuredOps();
        if (mib != null && ops > 0) {
            double inputBytes = (double) Long.parseLong(mib) * (1 << 20) * ops;
            double secondsPerOp = result.getPrimaryResult().getScore()
                    / benchmarkParams.getTimeUnit().convert(1, TimeUnit.SECONDS);
            results.add(new ScalarResult("input.rate", inputRate(Long.parseLong(mib), secondsPerOp), "MB/s", AggregationPolicy.AVG));
            results.add(new ScalarResult("alloc.per.byte", allocated / inputBytes, "B/byte", AggregationPolicy.AVG));
        }
        return results;
    }

    /**
     * MB (10^6 bytes) per second of a single-shot operation over {@code mib} MiB.
     *
     * @param mib MiB per operation
     * @param secondsPerOp the time of one operation
     * @return MB/s
     */
    static double inputRate(long mib, double secondsPerOp) {
        return mib * (double) (1 << 20) / 1e6 / secondsPerOp;
    }

    /** Heap bytes allocated so far by the live threads; HotSpot counts per thread. */
    private static long allocatedBytes() {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads)
                || !threads.isThreadAllocatedMemorySupported()) {
            return 0;
        }
        long sum = 0;
        for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            sum += Math.max(0, bytes); // -1 for a thread that ended meanwhile
        }
        return sum;
    }
}

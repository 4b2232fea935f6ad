package dev.chunking.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The ratio harness: its statistics exactly, and one small real measurement for sanity (not for speed). */
class RatioHarnessTest {
    private static final byte[] TEXT = "# Title\n\nSome prose, with a sentence. 世界 and more.\n\n".repeat(2000)
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void takesNearestRankPercentilesWithoutChangingTheInput() {
        double[] values = {5, 1, 4, 2, 3, 10, 9, 8, 7, 6};
        assertThat(RatioHarness.percentile(values, 10)).isEqualTo(1);
        assertThat(RatioHarness.percentile(values, 50)).isEqualTo(5);
        assertThat(RatioHarness.percentile(values, 90)).isEqualTo(9);
        assertThat(RatioHarness.percentile(values, 100)).isEqualTo(10);
        assertThat(RatioHarness.percentile(new double[] {3}, 10)).isEqualTo(3);
        assertThat(values).containsExactly(5, 1, 4, 2, 3, 10, 9, 8, 7, 6);
    }

    @Test
    void reportsOrderedPercentilesAndThroughputsThatAgreeWithTheRatio() {
        RatioHarness.Result r = RatioHarness.measure(TEXT, "markdown", 5, 0);
        assertThat(r.rounds()).isEqualTo(5);
        assertThat(r.p10()).isPositive().isLessThanOrEqualTo(r.medianRatio());
        assertThat(r.medianRatio()).isLessThanOrEqualTo(r.p90());
        assertThat(r.strategyMBs()).isPositive();
        assertThat(r.baselineMBs()).isPositive();
        // with 5 rounds p10 and p90 are the smallest and largest per-round ratio, and since each
        // round's strategy MB/s is its ratio times its baseline MB/s, the ratio of the medians
        // lies between them
        double ofMedians = r.strategyMBs() / r.baselineMBs();
        assertThat(ofMedians).isBetween(r.p10() * (1 - 1e-9), r.p90() * (1 + 1e-9));
    }

    @Test
    void refusesNoRoundsAndNegativeWarmUpWithTheValues() {
        assertThatThrownBy(() -> RatioHarness.measure(TEXT, "recursive", 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0 and 0 ns");
        assertThatThrownBy(() -> RatioHarness.measure(TEXT, "recursive", 3, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 3 and -1 ns");
    }
}

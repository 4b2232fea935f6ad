package dev.chunking.strategy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.domain.InvalidOptionsException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RollingPercentileTest {

    /** Nearest rank the slow, exact way: sort the last {@code window} values, rank ceil(p * n / 100) in exact decimals. */
    static double oracle(List<Double> added, int window, double p) {
        double[] held = added.subList(Math.max(0, added.size() - window), added.size()).stream().mapToDouble(Double::doubleValue)
                .sorted().toArray();
        int rank = new BigDecimal(p).multiply(BigDecimal.valueOf(held.length)).divide(BigDecimal.valueOf(100), 0, RoundingMode.CEILING)
                .intValueExact();
        return held[Math.max(rank, 1) - 1];
    }

    @Provide
    Arbitrary<List<Double>> values() {
        // Few distinct values too, so that duplicates and their eviction are exercised.
        Arbitrary<Double> value = Arbitraries.oneOf(Arbitraries.doubles().between(-1e6, 1e6),
                Arbitraries.integers().between(0, 5).map(Integer::doubleValue),
                Arbitraries.of(0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE));
        return value.list().ofMinSize(1).ofMaxSize(400);
    }

    @Provide
    Arbitrary<Double> percents() {
        // Whole and quarter percents, where the double arithmetic is exact, and the edges.
        return Arbitraries.oneOf(Arbitraries.integers().between(0, 400).map(q -> q / 4.0), Arbitraries.of(0.0, 50.0, 95.0, 100.0));
    }

    @Property(tries = 1000)
    void answersLikeSortingTheLastWindowValues(@ForAll("values") List<Double> values, @ForAll @IntRange(min = 1, max = 64) int window,
                                               @ForAll("percents") double p, @ForAll("percents") double q) {
        RollingPercentile rolling = new RollingPercentile(window);
        for (int i = 0; i < values.size(); i++) {
            rolling.add(values.get(i));
            List<Double> added = values.subList(0, i + 1);
            assertThat(rolling.size()).isEqualTo(Math.min(window, i + 1));
            assertThat(rolling.percentile(p)).as("p%s after %d values", p, i + 1).isEqualTo(oracle(added, window, p));
        }
        assertThat(rolling.percentile(q)).isEqualTo(oracle(values, window, q));
    }

    @Test
    void forgetsTheOldestValueOnceTheWindowIsFull() {
        RollingPercentile rolling = new RollingPercentile(3);
        rolling.add(100);
        rolling.add(1);
        rolling.add(2);
        assertThat(rolling.percentile(100)).isEqualTo(100);
        rolling.add(3);
        assertThat(rolling.size()).isEqualTo(3);
        assertThat(rolling.percentile(100)).as("100 was evicted").isEqualTo(3);
        assertThat(rolling.percentile(0)).isEqualTo(1);
        rolling.add(0);
        rolling.add(0);
        assertThat(rolling.percentile(50)).as("holds 3, 0, 0").isZero();
        assertThat(rolling.percentile(100)).isEqualTo(3);
    }

    @Test
    void usesTheNearestRankNeverAnInterpolation() {
        RollingPercentile rolling = new RollingPercentile(100);
        for (int v = 1; v <= 10; v++) {
            rolling.add(v * 10);
        }
        assertThat(rolling.percentile(0)).isEqualTo(10);
        assertThat(rolling.percentile(10)).isEqualTo(10);
        assertThat(rolling.percentile(10.25)).isEqualTo(20);
        assertThat(rolling.percentile(70)).as("exactly rank 7, not 8 by a rounding error").isEqualTo(70);
        assertThat(rolling.percentile(95)).isEqualTo(100);
        assertThat(rolling.percentile(100)).isEqualTo(100);
    }

    @Test
    void answersNaNWhenEmptyAndAfterClear() {
        RollingPercentile rolling = new RollingPercentile(4);
        assertThat(rolling.percentile(50)).isNaN();
        assertThat(rolling.size()).isZero();
        rolling.add(7);
        rolling.clear();
        assertThat(rolling.percentile(50)).isNaN();
        rolling.add(1);
        rolling.add(2);
        assertThat(rolling.percentile(100)).isEqualTo(2);
        assertThat(rolling.size()).isEqualTo(2);
    }

    @Test
    void refusesWindowsOutsideTheRangeNamingTheValueAndTheLimit() {
        assertThatThrownBy(() -> new RollingPercentile(0)).isInstanceOf(InvalidOptionsException.class)
                .hasMessage("percentile window 0 is outside 1..65536; set the window (how many recent values the percentile"
                        + " is taken over) within that range");
        assertThatThrownBy(() -> new RollingPercentile(65537)).isInstanceOf(InvalidOptionsException.class)
                .hasMessageStartingWith("percentile window 65537 is outside 1..65536");
        RollingPercentile largest = new RollingPercentile(65536);
        for (int i = 0; i < 70_000; i++) {
            largest.add(i % 1000);
        }
        assertThat(largest.size()).isEqualTo(65536);
        assertThat(largest.percentile(100)).isEqualTo(999);
    }

    @Test
    void refusesPercentsOutsideZeroToHundredAndNaNValues() {
        RollingPercentile rolling = new RollingPercentile(2);
        rolling.add(1);
        for (double p : new double[] {-0.5, 100.5, Double.NaN}) {
            assertThatThrownBy(() -> rolling.percentile(p)).isInstanceOf(InvalidOptionsException.class)
                    .hasMessage("percentile " + p + " is outside 0..100; choose a percentile within that range");
        }
        assertThatThrownBy(() -> rolling.add(Double.NaN)).isInstanceOf(InvalidOptionsException.class)
                .hasMessageStartingWith("percentile value NaN is not a number");
        assertThat(rolling.size()).as("a refused value is not added").isEqualTo(1);
        assertThat(Arrays.asList(rolling.percentile(0), rolling.percentile(100))).containsOnly(1.0);
    }
}
